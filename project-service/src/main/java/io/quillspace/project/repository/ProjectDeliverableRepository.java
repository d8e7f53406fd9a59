package io.quillspace.project.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quillspace.project.entity.ProjectDeliverable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProjectDeliverableRepository implements PanacheRepositoryBase<ProjectDeliverable, UUID> {

    /** The project's deliverables, by due date then position within their phase. */
    public Uni<List<ProjectDeliverable>> ofProject(UUID projectId) {
        return list("projectId", Sort.by("dueDate").and("position"), projectId);
    }
}
