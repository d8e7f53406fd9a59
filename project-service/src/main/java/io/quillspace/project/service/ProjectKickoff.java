package io.quillspace.project.service;

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
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.messaging.FailureClassifier;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.messaging.UnprocessableEventException;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Starts a project when a client accepts a proposal: the plan dated by {@link ProjectPlan}, status kickoff, a history
 * entry, and project.kicked-off through the outbox, all in one transaction. The project's id is derived from the
 * proposal, so a redelivered or replayed acceptance finds it and changes nothing.
 */
@ApplicationScoped
public class ProjectKickoff {

    private static final Logger LOG = Logger.getLogger(ProjectKickoff.class);

    /** A concurrent duplicate violates one of these; the retry then finds the project. */
    public static final FailureClassifier FAILURES = new FailureClassifier(Set.of(
            ProjectRepository.ONE_PROJECT_PER_PROPOSAL, "projects_pkey"));

    private final ProjectRepository projects;
    private final ProjectPhaseRepository phases;
    private final ProjectDeliverableRepository deliverables;
    private final ProjectHistoryRepository history;
    private final ClientDataRights clients;
    private final Clock clock;

    public ProjectKickoff(ProjectRepository projects, ProjectPhaseRepository phases,
                          ProjectDeliverableRepository deliverables, ProjectHistoryRepository history,
                          ClientDataRights clients, Clock clock) {
        this.clients = clients;
        this.projects = projects;
        this.phases = phases;
        this.deliverables = deliverables;
        this.history = history;
        this.clock = clock;
    }

    /** An accepted proposal starts its project; the other proposal events are none of this service's business. */
    public Uni<RecordOutcome> apply(ProposalEventV1 event) {
        if (!(event instanceof ProposalEventV1.ProposalAccepted accepted)) {
            return Uni.createFrom().item(RecordOutcome.IGNORED);
        }
        ZoneId zone = zoneOf(accepted);
        UUID tenant = accepted.tenantId();
        UUID projectId = Project.idFor(tenant, accepted.proposalId());
        return TenantTransactions.inTenant(TenantContext.service(tenant), () -> TenantTransactions.registerTenant(tenant)
                        .chain(() -> clients.isErased(accepted.clientUserId()))
                        .chain(erased -> erased ? Uni.createFrom().item(RecordOutcome.ERASED) : projects.findById(projectId)
                                .chain(existing -> existing != null
                                        ? Uni.createFrom().item(RecordOutcome.DUPLICATE)
                                        : start(accepted, projectId, zone).replaceWith(RecordOutcome.APPLIED))))
                .invoke(outcome -> LOG.infof("proposal.accepted %s of proposal %s: project %s %s", accepted.eventId(),
                        accepted.proposalId(), projectId, outcome.tag()));
    }

    private Uni<Void> start(ProposalEventV1.ProposalAccepted accepted, UUID projectId, ZoneId zone) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Project project = new Project();
        project.id = projectId;
        project.tenantId = accepted.tenantId();
        project.userId = accepted.clientUserId();
        project.bookingId = accepted.bookingId();
        project.proposalId = accepted.proposalId();
        project.name = accepted.brief() != null && accepted.brief().projectName() != null
                ? accepted.brief().projectName() : accepted.title();
        project.status = Project.Status.KICKOFF;
        project.kickoffDate = ProjectPlan.kickoffDate(accepted.acceptedAt(), zone,
                accepted.brief() == null ? null : accepted.brief().desiredStartDate());
        project.timeZone = zone.getId();
        project.clientEmail = accepted.clientEmail();
        project.clientName = accepted.clientName();
        project.scopeOfWork = accepted.scopeOfWork();
        project.price = accepted.price();
        project.currency = accepted.currency();
        project.acceptedAt = accepted.acceptedAt();
        project.createdAt = now;
        project.updatedAt = now;

        List<ProjectPhase> plannedPhases = new ArrayList<>();
        List<ProjectDeliverable> plannedDeliverables = new ArrayList<>();
        List<ProjectPlan.ProposedPhase> proposed = accepted.phases().stream()
                .map(phase -> new ProjectPlan.ProposedPhase(phase.order(), phase.name(), phase.estimatedDays(),
                        phase.deliverables() == null ? List.of() : phase.deliverables()))
                .toList();
        for (ProjectPlan.ScheduledPhase scheduled : ProjectPlan.schedule(project.kickoffDate, proposed)) {
            ProjectPhase phase = phase(project, scheduled, now);
            plannedPhases.add(phase);
            for (ProjectPlan.ScheduledDeliverable due : scheduled.deliverables()) {
                plannedDeliverables.add(deliverable(phase, due, now));
            }
        }
        var kickedOff = ProjectEvents.kickedOff(project, plannedPhases, plannedDeliverables);
        return projects.persist(project)
                .chain(() -> phases.persist(plannedPhases))
                .chain(() -> deliverables.persist(plannedDeliverables))
                .chain(() -> history.persist(kickoffEntry(project)))
                .chain(() -> Outbox.append(kickedOff));
    }

    private static ZoneId zoneOf(ProposalEventV1.ProposalAccepted accepted) {
        if (accepted.clientUserId() == null || accepted.proposalId() == null || accepted.clientEmail() == null
                || accepted.acceptedAt() == null || accepted.phases() == null || accepted.phases().isEmpty()) {
            throw new UnprocessableEventException("proposal.accepted " + accepted.eventId()
                    + " lacks the client, proposal, acceptance time or phases a project needs");
        }
        try {
            return accepted.clientTimeZone() == null ? ZoneId.of("UTC") : ZoneId.of(accepted.clientTimeZone());
        } catch (DateTimeException e) {
            throw new UnprocessableEventException("proposal.accepted " + accepted.eventId() + " has an unknown time zone", e);
        }
    }

    private static ProjectPhase phase(Project project, ProjectPlan.ScheduledPhase scheduled, Instant now) {
        ProjectPhase phase = new ProjectPhase();
        phase.id = UUID.randomUUID();
        phase.tenantId = project.tenantId;
        phase.projectId = project.id;
        phase.userId = project.userId;
        phase.position = scheduled.order();
        phase.name = scheduled.name();
        phase.estimatedDays = scheduled.estimatedDays();
        phase.status = ProjectPhase.Status.PENDING;
        phase.plannedStart = scheduled.start();
        phase.plannedEnd = scheduled.end();
        phase.updatedAt = now;
        return phase;
    }

    private static ProjectDeliverable deliverable(ProjectPhase phase, ProjectPlan.ScheduledDeliverable due, Instant now) {
        ProjectDeliverable deliverable = new ProjectDeliverable();
        deliverable.id = UUID.randomUUID();
        deliverable.tenantId = phase.tenantId;
        deliverable.projectId = phase.projectId;
        deliverable.phaseId = phase.id;
        deliverable.userId = phase.userId;
        deliverable.position = due.position();
        deliverable.name = due.name();
        deliverable.status = ProjectDeliverable.Status.PENDING;
        deliverable.dueDate = due.due();
        deliverable.updatedAt = now;
        return deliverable;
    }

    private static ProjectHistoryEntry kickoffEntry(Project project) {
        return ProjectHistoryEntry.of(project, ProjectHistoryEntry.Subject.PROJECT, project.id, project.name, null,
                StatusNames.wire(project.status), null, project.createdAt);
    }
}
