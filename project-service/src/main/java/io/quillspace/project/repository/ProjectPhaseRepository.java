package io.quillspace.project.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quillspace.project.entity.ProjectPhase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProjectPhaseRepository implements PanacheRepositoryBase<ProjectPhase, UUID> {

    /** The project's phases in plan order. */
    public Uni<List<ProjectPhase>> ofProject(UUID projectId) {
        return list("projectId", Sort.by("position"), projectId);
    }
}
