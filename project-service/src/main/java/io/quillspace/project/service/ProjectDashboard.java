package io.quillspace.project.service;

import io.quillspace.project.entity.Project;
import io.quillspace.project.entity.ProjectDeliverable;
import io.quillspace.project.entity.ProjectPhase;
import io.quillspace.project.mapping.StatusNames;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a project stands on the client's {@code today}: progress, the current phase, what falls due within the
 * horizon, what is overdue, and each phase's planned against actual dates. A pure function of the project's rows.
 */
@Schema(description = "Where a project stands today (the client's day)")
public record ProjectDashboard(
        UUID projectId,
        String name,
        @Schema(example = "active") String status,
        LocalDate today,
        @Schema(description = "Deliverables done of all") Progress progress,
        @Schema(description = "The phase in progress (the first by order), else the first not completed; null when "
                + "every phase is completed") PhaseFigures currentPhase,
        List<PhaseFigures> phases,
        @Schema(description = "Not done and due from today to today + horizon days, soonest first") List<DueDeliverable> dueSoon,
        @Schema(description = "Not done and due before today, oldest first") List<DueDeliverable> overdue) {

    @Schema(description = "Deliverables done of the total")
    public record Progress(int done, int total, @Schema(description = "done / total in whole percent; 0 without "
            + "deliverables") int percent) {

        static Progress of(List<ProjectDeliverable> deliverables) {
            int done = (int) deliverables.stream().filter(d -> d.status == ProjectDeliverable.Status.DONE).count();
            int total = deliverables.size();
            return new Progress(done, total, total == 0 ? 0 : done * 100 / total);
        }
    }

    @Schema(description = "One phase: progress and planned against actual dates")
    public record PhaseFigures(
            UUID phaseId,
            int order,
            String name,
            @Schema(example = "in_progress") String status,
            Progress progress,
            LocalDate plannedStart,
            LocalDate plannedEnd,
            @Schema(description = "Null until work started") LocalDate actualStart,
            @Schema(description = "Null until completed") LocalDate actualEnd,
            @Schema(description = "Days the phase ended after its planned end (negative: early), or, unfinished and "
                    + "past its planned end, the days it is running late; null while unfinished and on time") Long endVarianceDays) {
    }

    @Schema(description = "A deliverable that is not done")
    public record DueDeliverable(UUID deliverableId, UUID phaseId, String phaseName, String name,
                                 @Schema(example = "in_progress") String status, LocalDate due,
                                 @Schema(description = "Days from today to due; negative when overdue") long daysLeft) {
    }

    /** @param horizonDays how far ahead {@code dueSoon} looks, today included */
    public static ProjectDashboard of(Project project, List<ProjectPhase> phases, List<ProjectDeliverable> deliverables,
                                      LocalDate today, int horizonDays) {
        Map<UUID, List<ProjectDeliverable>> byPhase = deliverables.stream()
                .collect(Collectors.groupingBy(deliverable -> deliverable.phaseId));
        List<ProjectPhase> inOrder = phases.stream().sorted(Comparator.comparingInt(phase -> phase.position)).toList();
        List<PhaseFigures> figures = inOrder.stream()
                .map(phase -> figures(phase, byPhase.getOrDefault(phase.id, List.of()), today))
                .toList();
        PhaseFigures current = figures.stream()
                .filter(phase -> phase.status().equals(StatusNames.wire(ProjectPhase.Status.IN_PROGRESS)))
                .findFirst()
                .orElse(figures.stream()
                        .filter(phase -> !phase.status().equals(StatusNames.wire(ProjectPhase.Status.COMPLETED)))
                        .findFirst().orElse(null));

        Map<UUID, ProjectPhase> phaseById = inOrder.stream().collect(Collectors.toMap(phase -> phase.id,
                Function.identity()));
        Comparator<ProjectDeliverable> soonestFirst = Comparator.<ProjectDeliverable, LocalDate>comparing(d -> d.dueDate)
                .thenComparingInt(d -> phaseById.get(d.phaseId).position)
                .thenComparingInt(d -> d.position);
        List<ProjectDeliverable> open = deliverables.stream()
                .filter(deliverable -> deliverable.status != ProjectDeliverable.Status.DONE)
                .sorted(soonestFirst)
                .toList();
        LocalDate horizon = today.plusDays(horizonDays);
        List<DueDeliverable> dueSoon = open.stream()
                .filter(d -> !d.dueDate.isBefore(today) && !d.dueDate.isAfter(horizon))
                .map(d -> due(d, phaseById.get(d.phaseId), today))
                .toList();
        List<DueDeliverable> overdue = open.stream()
                .filter(d -> d.dueDate.isBefore(today))
                .map(d -> due(d, phaseById.get(d.phaseId), today))
                .toList();
        return new ProjectDashboard(project.id, project.name, StatusNames.wire(project.status), today,
                Progress.of(deliverables), current, figures, dueSoon, overdue);
    }

    private static PhaseFigures figures(ProjectPhase phase, List<ProjectDeliverable> deliverables, LocalDate today) {
        Long variance = null;
        if (phase.actualEnd != null) {
            variance = ChronoUnit.DAYS.between(phase.plannedEnd, phase.actualEnd);
        } else if (today.isAfter(phase.plannedEnd)) {
            variance = ChronoUnit.DAYS.between(phase.plannedEnd, today);
        }
        return new PhaseFigures(phase.id, phase.position, phase.name, StatusNames.wire(phase.status),
                Progress.of(deliverables), phase.plannedStart, phase.plannedEnd, phase.actualStart, phase.actualEnd,
                variance);
    }

    private static DueDeliverable due(ProjectDeliverable deliverable, ProjectPhase phase, LocalDate today) {
        return new DueDeliverable(deliverable.id, deliverable.phaseId, phase.name, deliverable.name,
                StatusNames.wire(deliverable.status), deliverable.dueDate,
                ChronoUnit.DAYS.between(today, deliverable.dueDate));
    }
}
