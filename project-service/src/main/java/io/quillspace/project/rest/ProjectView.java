package io.quillspace.project.rest;

import io.quillspace.project.entity.Project;
import io.quillspace.project.entity.ProjectDeliverable;
import io.quillspace.project.entity.ProjectHistoryEntry;
import io.quillspace.project.entity.ProjectPhase;
import io.quillspace.project.mapping.StatusNames;
import io.quillspace.project.service.ProjectService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** One project with its plan (phases in order, each with its deliverables) and its history, oldest first. */
@Schema(description = "A project with its plan and history")
public record ProjectView(
        UUID id,
        @Schema(example = "The Salt Road") String name,
        @Schema(example = "kickoff", enumeration = {"kickoff", "active", "on_hold", "completed", "cancelled"}) String status,
        UUID bookingId,
        UUID proposalId,
        UUID clientUserId,
        @Schema(example = "Maria Lopez") String clientName,
        @Schema(example = "maria@example.org") String clientEmail,
        @Schema(description = "IANA zone of the client; the plan's days are theirs", example = "Europe/Madrid") String timeZone,
        LocalDate kickoffDate,
        String scopeOfWork,
        @Schema(example = "4500.00") BigDecimal price,
        @Schema(example = "EUR") String currency,
        Instant acceptedAt,
        Instant createdAt,
        Instant updatedAt,
        List<PhaseView> phases,
        List<HistoryView> history) {

    @Schema(description = "A phase of the plan with its planned and actual days")
    public record PhaseView(
            UUID id,
            @Schema(example = "1") int order,
            @Schema(example = "Manuscript assessment") String name,
            @Schema(example = "pending", enumeration = {"pending", "in_progress", "completed"}) String status,
            @Schema(example = "14") int estimatedDays,
            LocalDate plannedStart,
            LocalDate plannedEnd,
            @Schema(description = "Null until work started") LocalDate actualStart,
            @Schema(description = "Null until completed") LocalDate actualEnd,
            List<DeliverableView> deliverables) {
    }

    @Schema(description = "A deliverable of a phase")
    public record DeliverableView(
            UUID id,
            @Schema(example = "1") int order,
            @Schema(example = "Editorial letter") String name,
            @Schema(example = "in_review", enumeration = {"pending", "in_progress", "in_review", "done"}) String status,
            LocalDate due,
            @Schema(description = "Null until done") LocalDate doneOn) {
    }

    @Schema(description = "One status change; the first is the kickoff")
    public record HistoryView(
            @Schema(example = "deliverable", enumeration = {"project", "phase", "deliverable", "client"}) String subject,
            UUID subjectId,
            @Schema(example = "Editorial letter") String subjectName,
            @Schema(description = "Null for the kickoff", example = "in_progress") String from,
            @Schema(example = "in_review") String to,
            @Schema(description = "The admin who made the change; null for the kickoff") UUID changedBy,
            Instant occurredAt) {
    }

    static ProjectView of(ProjectService.Details details) {
        Project project = details.project();
        return new ProjectView(project.id, project.name, StatusNames.wire(project.status), project.bookingId,
                project.proposalId, project.userId, project.clientName, project.clientEmail, project.timeZone,
                project.kickoffDate, project.scopeOfWork, project.price, project.currency, project.acceptedAt,
                project.createdAt, project.updatedAt,
                details.phases().stream().map(phase -> phase(phase, details.deliverables())).toList(),
                details.history().stream().map(ProjectView::history).toList());
    }

    private static PhaseView phase(ProjectPhase phase, List<ProjectDeliverable> deliverables) {
        return new PhaseView(phase.id, phase.position, phase.name, StatusNames.wire(phase.status), phase.estimatedDays,
                phase.plannedStart, phase.plannedEnd, phase.actualStart, phase.actualEnd, deliverables.stream()
                .filter(deliverable -> deliverable.phaseId.equals(phase.id))
                .sorted(Comparator.comparingInt(deliverable -> deliverable.position))
                .map(deliverable -> new DeliverableView(deliverable.id, deliverable.position, deliverable.name,
                        StatusNames.wire(deliverable.status), deliverable.dueDate, deliverable.doneOn))
                .toList());
    }

    private static HistoryView history(ProjectHistoryEntry entry) {
        return new HistoryView(StatusNames.wire(entry.subject), entry.subjectId, entry.subjectName, entry.fromStatus,
                entry.toStatus, entry.changedBy, entry.occurredAt);
    }
}
