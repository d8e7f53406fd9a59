package io.quillspace.project.mapping;

import io.quillspace.project.entity.DeliverableFile;
import io.quillspace.project.entity.Project;
import io.quillspace.project.entity.ProjectDeliverable;
import io.quillspace.project.entity.ProjectPhase;
import io.quillspace.shared.events.ProjectEventV1;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The {@link ProjectEventV1} each project change raises, numbered with the project's next sequence number.
 */
public final class ProjectEvents {

    private ProjectEvents() {
    }

    /** Phases in plan order, each with its deliverables in their order. */
    public static ProjectEventV1 kickedOff(Project project, List<ProjectPhase> phases,
                                           List<ProjectDeliverable> deliverables) {
        List<ProjectEventV1.Phase> plan = phases.stream()
                .sorted(Comparator.comparingInt(phase -> phase.position))
                .map(phase -> new ProjectEventV1.Phase(phase.position, phase.name, phase.plannedStart, phase.plannedEnd,
                        deliverables.stream()
                                .filter(deliverable -> deliverable.phaseId.equals(phase.id))
                                .sorted(Comparator.comparingInt(deliverable -> deliverable.position))
                                .map(deliverable -> new ProjectEventV1.Deliverable(deliverable.name, deliverable.dueDate))
                                .toList()))
                .toList();
        return new ProjectEventV1.KickedOff(UUID.randomUUID(), project.tenantId, project.id,
                project.nextEventSequence(), project.bookingId, project.proposalId, project.userId,
                project.clientEmail, project.clientName, project.timeZone, project.name, project.kickoffDate, plan,
                project.createdAt);
    }

    public static ProjectEventV1 statusChanged(Project project, Project.Status from, UUID admin, Instant at) {
        return new ProjectEventV1.StatusChanged(UUID.randomUUID(), project.tenantId, project.id,
                project.nextEventSequence(), project.userId, StatusNames.wire(from), StatusNames.wire(project.status),
                admin, at);
    }

    public static ProjectEventV1 phaseStatusChanged(Project project, ProjectPhase phase, ProjectPhase.Status from,
                                                    UUID admin, Instant at) {
        return new ProjectEventV1.PhaseStatusChanged(UUID.randomUUID(), project.tenantId, project.id,
                project.nextEventSequence(), project.userId, phase.id, phase.position, phase.name,
                StatusNames.wire(from), StatusNames.wire(phase.status), admin, at);
    }

    public static ProjectEventV1 deliverableStatusChanged(Project project, ProjectDeliverable deliverable,
                                                          ProjectDeliverable.Status from, UUID admin, Instant at) {
        return new ProjectEventV1.DeliverableStatusChanged(UUID.randomUUID(), project.tenantId, project.id,
                project.nextEventSequence(), project.userId, deliverable.id, deliverable.phaseId, deliverable.name,
                StatusNames.wire(from), StatusNames.wire(deliverable.status), admin, at);
    }

    public static ProjectEventV1 deliverableFileAttached(Project project, ProjectDeliverable deliverable,
                                                         DeliverableFile file) {
        return new ProjectEventV1.DeliverableFileAttached(UUID.randomUUID(), project.tenantId, project.id,
                project.nextEventSequence(), project.bookingId, project.userId, project.clientEmail, project.clientName,
                project.name, deliverable.id, deliverable.name, file.id, file.fileName, file.contentType, file.size, file.uploadedBy,
                file.attachedAt);
    }
}
