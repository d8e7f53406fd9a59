package io.quillspace.project.service;

import io.quillspace.project.entity.Project;
import io.quillspace.project.entity.ProjectDeliverable;
import io.quillspace.project.entity.ProjectPhase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProjectDashboardTest {

    private static final LocalDate TODAY = LocalDate.parse("2030-06-20");

    @Test
    void aPhaseCompletedEarlyShowsNegativeVarianceAndAFinishedPlanHasNoCurrentPhase() {
        Project project = project();
        ProjectPhase phase = phase(project, 1, "2030-06-10", "2030-06-23", ProjectPhase.Status.COMPLETED);
        phase.actualEnd = LocalDate.parse("2030-06-19");
        ProjectDeliverable letter = deliverable(phase, 1, "2030-06-16", ProjectDeliverable.Status.DONE);

        ProjectDashboard dashboard = ProjectDashboard.of(project, List.of(phase), List.of(letter), TODAY, 14);

        assertEquals(-4L, dashboard.phases().get(0).endVarianceDays());
        assertNull(dashboard.currentPhase());
        assertEquals(new ProjectDashboard.Progress(1, 1, 100), dashboard.progress());
        assertEquals(List.of(), dashboard.overdue(), "a done deliverable is never overdue");
    }

    @Test
    void theHorizonIncludesTodayAndItsLastDayAndAPlanWithoutDeliverablesIsAtZeroPercent() {
        Project project = project();
        ProjectPhase first = phase(project, 1, "2030-06-10", "2030-06-30", ProjectPhase.Status.PENDING);
        ProjectPhase second = phase(project, 2, "2030-07-01", "2030-07-10", ProjectPhase.Status.PENDING);
        List<ProjectDeliverable> due = List.of(
                deliverable(first, 1, "2030-06-20", ProjectDeliverable.Status.IN_REVIEW),
                deliverable(second, 1, "2030-07-04", ProjectDeliverable.Status.PENDING),
                deliverable(second, 2, "2030-07-05", ProjectDeliverable.Status.PENDING));

        ProjectDashboard dashboard = ProjectDashboard.of(project, List.of(second, first), due, TODAY, 14);

        assertEquals(List.of(0L, 14L), dashboard.dueSoon().stream().map(ProjectDashboard.DueDeliverable::daysLeft).toList());
        assertEquals("Phase 1", dashboard.currentPhase().name(), "the first phase not completed, by order");
        assertEquals(new ProjectDashboard.Progress(0, 0, 0),
                ProjectDashboard.of(project, List.of(first), List.of(), TODAY, 14).progress());
    }

    private static Project project() {
        Project project = new Project();
        project.id = UUID.randomUUID();
        project.name = "The Salt Road";
        project.status = Project.Status.ACTIVE;
        return project;
    }

    private static ProjectPhase phase(Project project, int position, String start, String end, ProjectPhase.Status status) {
        ProjectPhase phase = new ProjectPhase();
        phase.id = UUID.randomUUID();
        phase.projectId = project.id;
        phase.position = position;
        phase.name = "Phase " + position;
        phase.status = status;
        phase.plannedStart = LocalDate.parse(start);
        phase.plannedEnd = LocalDate.parse(end);
        return phase;
    }

    private static ProjectDeliverable deliverable(ProjectPhase phase, int position, String due,
                                                  ProjectDeliverable.Status status) {
        ProjectDeliverable deliverable = new ProjectDeliverable();
        deliverable.id = UUID.randomUUID();
        deliverable.phaseId = phase.id;
        deliverable.position = position;
        deliverable.name = phase.name + " deliverable " + position;
        deliverable.status = status;
        deliverable.dueDate = LocalDate.parse(due);
        return deliverable;
    }
}
