package io.quillspace.project.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quillspace.project.entity.ProjectHistoryEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProjectHistoryRepository implements PanacheRepositoryBase<ProjectHistoryEntry, Long> {

    /** The project's history, oldest first. */
    public Uni<List<ProjectHistoryEntry>> ofProject(UUID projectId) {
        return list("projectId", Sort.by("id"), projectId);
    }
}
