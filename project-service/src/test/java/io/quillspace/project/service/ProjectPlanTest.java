package io.quillspace.project.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProjectPlanTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final Instant NOON_3_JUNE = Instant.parse("2030-06-03T10:00:00Z");

    @Test
    void aDesiredStartStillAheadIsTheKickoff() {
        assertEquals(LocalDate.parse("2030-06-10"),
                ProjectPlan.kickoffDate(NOON_3_JUNE, MADRID, LocalDate.parse("2030-06-10")));
    }

    @Test
    void otherwiseTheProjectKicksOffTheDayAfterAcceptanceInTheClientsZone() {
        assertEquals(LocalDate.parse("2030-06-04"), ProjectPlan.kickoffDate(NOON_3_JUNE, MADRID, null));
        assertEquals(LocalDate.parse("2030-06-04"),
                ProjectPlan.kickoffDate(NOON_3_JUNE, MADRID, LocalDate.parse("2030-06-04")));
        assertEquals(LocalDate.parse("2030-06-04"),
                ProjectPlan.kickoffDate(NOON_3_JUNE, MADRID, LocalDate.parse("2030-05-01")));
        // 23:30 UTC is already the next day in Madrid, still the same day in New York.
        Instant lateEvening = Instant.parse("2030-06-03T23:30:00Z");
        assertEquals(LocalDate.parse("2030-06-05"), ProjectPlan.kickoffDate(lateEvening, MADRID, null));
        assertEquals(LocalDate.parse("2030-06-04"),
                ProjectPlan.kickoffDate(lateEvening, ZoneId.of("America/New_York"), null));
    }

    @Test
    void phasesFollowEachOtherInTheirOrderWithoutGaps() {
        List<ProjectPlan.ScheduledPhase> plan = ProjectPlan.schedule(LocalDate.parse("2030-06-10"), List.of(
                new ProjectPlan.ProposedPhase(3, "Proofread", 1, List.of("Proofs")),
                new ProjectPlan.ProposedPhase(1, "Assessment", 14, List.of("Letter")),
                new ProjectPlan.ProposedPhase(2, "Line edit", 30, List.of("Manuscript"))));

        assertEquals(List.of("Assessment", "Line edit", "Proofread"),
                plan.stream().map(ProjectPlan.ScheduledPhase::name).toList());
        assertEquals(List.of(LocalDate.parse("2030-06-10"), LocalDate.parse("2030-06-24"), LocalDate.parse("2030-07-24")),
                plan.stream().map(ProjectPlan.ScheduledPhase::start).toList());
        assertEquals(List.of(LocalDate.parse("2030-06-23"), LocalDate.parse("2030-07-23"), LocalDate.parse("2030-07-24")),
                plan.stream().map(ProjectPlan.ScheduledPhase::end).toList());
    }

    @Test
    void deliverablesFallDueEvenlyAcrossTheirPhaseTheLastOnItsFinalDay() {
        ProjectPlan.ScheduledPhase phase = ProjectPlan.schedule(LocalDate.parse("2030-06-01"), List.of(
                new ProjectPlan.ProposedPhase(1, "Edit", 10, List.of("A", "B", "C")))).get(0);

        // Days ceil(10/3) = 4, ceil(20/3) = 7 and 10 of the phase.
        assertEquals(List.of(LocalDate.parse("2030-06-04"), LocalDate.parse("2030-06-07"), LocalDate.parse("2030-06-10")),
                phase.deliverables().stream().map(ProjectPlan.ScheduledDeliverable::due).toList());
        assertEquals(List.of(1, 2, 3), phase.deliverables().stream().map(ProjectPlan.ScheduledDeliverable::position).toList());
    }

    @Test
    void aPhaseEstimatedAtLessThanADayLastsOne() {
        ProjectPlan.ScheduledPhase phase = ProjectPlan.schedule(LocalDate.parse("2030-06-01"), List.of(
                new ProjectPlan.ProposedPhase(1, "Call", 0, List.of("Notes")))).get(0);
        assertEquals(phase.start(), phase.end());
        assertEquals(phase.end(), phase.deliverables().get(0).due());
    }
}
