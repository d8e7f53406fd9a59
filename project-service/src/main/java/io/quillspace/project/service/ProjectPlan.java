package io.quillspace.project.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The dates of a project's plan, as pure functions. Days are calendar days in the client's zone. The project kicks off
 * on the client's desired start date when that is still ahead, otherwise on the day after acceptance. Phases follow
 * each other in their order without gaps, each lasting its estimated days; a phase's deliverables fall due evenly
 * across it, the last on its final day.
 */
public final class ProjectPlan {

    /** A phase as the proposal describes it. */
    public record ProposedPhase(int order, String name, int estimatedDays, List<String> deliverables) {
    }

    public record ScheduledDeliverable(int position, String name, LocalDate due) {
    }

    public record ScheduledPhase(int order, String name, int estimatedDays, LocalDate start, LocalDate end,
                                 List<ScheduledDeliverable> deliverables) {
    }

    private ProjectPlan() {
    }

    /** @param desiredStart the brief's desired start date, or null without a brief */
    public static LocalDate kickoffDate(Instant acceptedAt, ZoneId zone, LocalDate desiredStart) {
        LocalDate dayAfterAcceptance = LocalDate.ofInstant(acceptedAt, zone).plusDays(1);
        return desiredStart != null && desiredStart.isAfter(dayAfterAcceptance) ? desiredStart : dayAfterAcceptance;
    }

    /** The phases in their order, dated from {@code kickoff}; a phase estimated at less than a day lasts one. */
    public static List<ScheduledPhase> schedule(LocalDate kickoff, List<ProposedPhase> phases) {
        List<ScheduledPhase> scheduled = new ArrayList<>();
        LocalDate start = kickoff;
        for (ProposedPhase phase : phases.stream().sorted(Comparator.comparingInt(ProposedPhase::order)).toList()) {
            int days = Math.max(1, phase.estimatedDays());
            LocalDate end = start.plusDays(days - 1L);
            scheduled.add(new ScheduledPhase(phase.order(), phase.name(), days, start, end,
                    deliverables(start, days, phase.deliverables())));
            start = end.plusDays(1);
        }
        return scheduled;
    }

    /** Deliverable i of n is due on day ceil(days * i / n) of the phase. */
    private static List<ScheduledDeliverable> deliverables(LocalDate phaseStart, int days, List<String> names) {
        List<ScheduledDeliverable> due = new ArrayList<>();
        int count = names.size();
        for (int i = 1; i <= count; i++) {
            long day = ((long) days * i + count - 1) / count;
            due.add(new ScheduledDeliverable(i, names.get(i - 1), phaseStart.plusDays(day - 1)));
        }
        return due;
    }
}
