package io.quillspace.project.service;

import io.quillspace.project.config.ProjectConfig;
import io.quillspace.project.entity.Project;
import io.quillspace.project.entity.ProjectDeliverable;
import io.quillspace.project.entity.ProjectHistoryEntry;
import io.quillspace.project.entity.ProjectPhase;
import io.quillspace.project.mapping.ProjectEvents;
import io.quillspace.project.mapping.StatusNames;
import io.quillspace.project.repository.ProjectDeliverableRepository;
import io.quillspace.project.repository.ProjectHistoryRepository;
import io.quillspace.project.repository.ProjectPhaseRepository;
import io.quillspace.project.repository.ProjectRepository;
import io.quillspace.shared.events.ProjectEventV1;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Projects as their client and the studio see and run them. Row-Level Security decides what a caller sees: another
 * user's or tenant's project does not exist for them, and each method returns null then. Every status change locks the
 * project row first, so changes to one project (and its event numbers) go one at a time; each lands in the history and
 * raises a project event through the outbox in the same transaction.
 */
@ApplicationScoped
public class ProjectService {

    public static final int MAX_PAGE_SIZE = 100;

    /** A project with its plan and history: phases in order, deliverables by due date, history oldest first. */
    public record Details(Project project, List<ProjectPhase> phases, List<ProjectDeliverable> deliverables,
                          List<ProjectHistoryEntry> history) {
    }

    private final ProjectRepository projects;
    private final ProjectPhaseRepository phases;
    private final ProjectDeliverableRepository deliverables;
    private final ProjectHistoryRepository history;
    private final Clock clock;
    private final int dueSoonDays;

    public ProjectService(ProjectRepository projects, ProjectPhaseRepository phases,
                          ProjectDeliverableRepository deliverables, ProjectHistoryRepository history, Clock clock,
                          ProjectConfig config) {
        this.projects = projects;
        this.phases = phases;
        this.deliverables = deliverables;
        this.history = history;
        this.clock = clock;
        this.dueSoonDays = config.dashboard().dueSoonDays();
    }

    public Uni<ProjectRepository.Found> list(TenantContext caller, Project.Status status, int page, int size) {
        return TenantTransactions.inTenant(caller, () -> projects.page(status, page, size));
    }

    public Uni<Details> find(TenantContext caller, UUID projectId) {
        return TenantTransactions.inTenant(caller, () -> projects.findById(projectId).chain(this::details));
    }

    public Uni<ProjectDashboard> dashboard(TenantContext caller, UUID projectId) {
        return TenantTransactions.inTenant(caller, () -> projects.findById(projectId).chain(project -> project == null
                ? Uni.createFrom().nullItem()
                : phases.ofProject(projectId).chain(plan -> deliverables.ofProject(projectId)
                        .map(due -> ProjectDashboard.of(project, plan, due, today(project), dueSoonDays)))));
    }

    /** An admin moves the project along its lifecycle; moving it where it is changes nothing. */
    public Uni<Details> changeStatus(TenantContext admin, UUID projectId, Project.Status to) {
        return withLockedProject(admin, projectId, project -> {
            Project.Status from = project.status;
            if (ProjectWorkflow.project(from, to) == ProjectWorkflow.Decision.ALREADY_DONE) {
                return Uni.createFrom().voidItem();
            }
            Instant now = now();
            project.status = to;
            project.updatedAt = now;
            return record(admin, project, ProjectHistoryEntry.Subject.PROJECT, project.id, project.name, from, to, now,
                    ProjectEvents.statusChanged(project, from, adminOf(admin), now));
        });
    }

    /** An admin moves a phase; starting it records the day work began, completing it the day it ended. */
    public Uni<Details> changePhaseStatus(TenantContext admin, UUID projectId, UUID phaseId, ProjectPhase.Status to) {
        return withLockedProject(admin, projectId, project -> phases.findById(phaseId).chain(phase -> {
            if (phase == null || !phase.projectId.equals(projectId)) {
                return Uni.createFrom().failure(new SubjectNotFound());
            }
            ProjectPhase.Status from = phase.status;
            if (ProjectWorkflow.phase(project.status, from, to) == ProjectWorkflow.Decision.ALREADY_DONE) {
                return Uni.createFrom().voidItem();
            }
            Instant now = now();
            LocalDate today = today(project);
            phase.status = to;
            phase.updatedAt = now;
            if (to == ProjectPhase.Status.IN_PROGRESS && phase.actualStart == null) {
                phase.actualStart = today;
            }
            phase.actualEnd = to == ProjectPhase.Status.COMPLETED ? today : null;
            return record(admin, project, ProjectHistoryEntry.Subject.PHASE, phase.id, phase.name, from, to, now,
                    ProjectEvents.phaseStatusChanged(project, phase, from, adminOf(admin), now));
        }));
    }

    /** An admin moves a deliverable through its review; done records the day. */
    public Uni<Details> changeDeliverableStatus(TenantContext admin, UUID projectId, UUID deliverableId,
                                                ProjectDeliverable.Status to) {
        return withLockedProject(admin, projectId, project -> deliverables.findById(deliverableId).chain(deliverable -> {
            if (deliverable == null || !deliverable.projectId.equals(projectId)) {
                return Uni.createFrom().failure(new SubjectNotFound());
            }
            ProjectDeliverable.Status from = deliverable.status;
            if (ProjectWorkflow.deliverable(project.status, from, to) == ProjectWorkflow.Decision.ALREADY_DONE) {
                return Uni.createFrom().voidItem();
            }
            Instant now = now();
            deliverable.status = to;
            deliverable.updatedAt = now;
            deliverable.doneOn = to == ProjectDeliverable.Status.DONE ? today(project) : null;
            return record(admin, project, ProjectHistoryEntry.Subject.DELIVERABLE, deliverable.id, deliverable.name,
                    from, to, now, ProjectEvents.deliverableStatusChanged(project, deliverable, from, adminOf(admin), now));
        }));
    }

    /** A phase or deliverable that is not part of the project, or that the caller may not see: answered as absent. */
    public static class SubjectNotFound extends RuntimeException {
        SubjectNotFound() {
            super(null, null, false, false);
        }
    }

    private Uni<Void> record(TenantContext admin, Project project, ProjectHistoryEntry.Subject subject, UUID subjectId,
                             String name, Enum<?> from, Enum<?> to, Instant now, ProjectEventV1 event) {
        project.updatedAt = now;
        return history.persist(ProjectHistoryEntry.of(project, subject, subjectId, name, StatusNames.wire(from),
                        StatusNames.wire(to), adminOf(admin), now))
                .chain(() -> Outbox.append(event));
    }

    /** Runs {@code change} on the project locked in the caller's transaction, then answers its details; null if absent. */
    private Uni<Details> withLockedProject(TenantContext caller, UUID projectId,
                                           Function<Project, Uni<Void>> change) {
        return TenantTransactions.inTenant(caller, () -> projects.lockById(projectId).chain(project -> project == null
                ? Uni.createFrom().nullItem()
                : change.apply(project).chain(() -> details(project))));
    }

    private Uni<Details> details(Project project) {
        if (project == null) {
            return Uni.createFrom().nullItem();
        }
        return phases.ofProject(project.id).chain(plan -> deliverables.ofProject(project.id)
                .chain(due -> history.ofProject(project.id).map(entries -> new Details(project, plan, due, entries))));
    }

    private static UUID adminOf(TenantContext admin) {
        return admin.userId().orElseThrow();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Today as the client lives it: the project's own zone. */
    private LocalDate today(Project project) {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(project.timeZone));
    }
}
