package io.quillspace.project.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quillspace.project.entity.Project;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, UUID> {

    /** The constraint a concurrent second kickoff of one proposal violates; a retry then finds the project. */
    public static final String ONE_PROJECT_PER_PROPOSAL = "one_project_per_proposal";

    /** One page of the projects the caller may see, newest first, and how many there are in all. */
    public record Found(List<Project> projects, long total) {
    }

    public Uni<Found> page(Project.Status status, int page, int size) {
        Sort newestFirst = Sort.descending("createdAt", "id");
        PanacheQuery<Project> query = status == null ? findAll(newestFirst) : find("status", newestFirst, status);
        return query.page(Page.of(page, size)).list()
                .chain(projects -> query.count().map(total -> new Found(projects, total)));
    }

    /** The project, locked until the transaction ends: its changes, and its event numbers, go one at a time. */
    public Uni<Project> lockById(UUID projectId) {
        return findById(projectId, LockModeType.PESSIMISTIC_WRITE);
    }
}
