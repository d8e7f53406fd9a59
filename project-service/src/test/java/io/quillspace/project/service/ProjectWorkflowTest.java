package io.quillspace.project.service;

import io.quillspace.project.entity.Project;
import io.quillspace.project.entity.ProjectDeliverable;
import io.quillspace.project.entity.ProjectPhase;
import io.quillspace.shared.problem.Conflict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProjectWorkflowTest {

    @Test
    void theProjectLifecycleAllowsExactlyItsMoves() {
        Map<Project.Status, Set<Project.Status>> expected = Map.of(
                Project.Status.KICKOFF, EnumSet.of(Project.Status.ACTIVE, Project.Status.ON_HOLD, Project.Status.CANCELLED),
                Project.Status.ACTIVE, EnumSet.of(Project.Status.COMPLETED, Project.Status.ON_HOLD, Project.Status.CANCELLED),
                Project.Status.ON_HOLD, EnumSet.of(Project.Status.ACTIVE, Project.Status.CANCELLED),
                Project.Status.COMPLETED, EnumSet.noneOf(Project.Status.class),
                Project.Status.CANCELLED, EnumSet.noneOf(Project.Status.class));
        for (Project.Status from : Project.Status.values()) {
            for (Project.Status to : Project.Status.values()) {
                assertMove(from, to, expected.get(from), () -> ProjectWorkflow.project(from, to));
            }
        }
    }

    @Test
    void aPhaseStartsCompletesAndMayBeReopened() {
        Map<ProjectPhase.Status, Set<ProjectPhase.Status>> expected = Map.of(
                ProjectPhase.Status.PENDING, EnumSet.of(ProjectPhase.Status.IN_PROGRESS),
                ProjectPhase.Status.IN_PROGRESS, EnumSet.of(ProjectPhase.Status.COMPLETED),
                ProjectPhase.Status.COMPLETED, EnumSet.of(ProjectPhase.Status.IN_PROGRESS));
        for (ProjectPhase.Status from : ProjectPhase.Status.values()) {
            for (ProjectPhase.Status to : ProjectPhase.Status.values()) {
                assertMove(from, to, expected.get(from), () -> ProjectWorkflow.phase(Project.Status.ACTIVE, from, to));
            }
        }
    }

    @Test
    void aDeliverableGoesThroughReviewWhichMaySendItBack() {
        Map<ProjectDeliverable.Status, Set<ProjectDeliverable.Status>> expected = Map.of(
                ProjectDeliverable.Status.PENDING, EnumSet.of(ProjectDeliverable.Status.IN_PROGRESS),
                ProjectDeliverable.Status.IN_PROGRESS, EnumSet.of(ProjectDeliverable.Status.IN_REVIEW),
                ProjectDeliverable.Status.IN_REVIEW, EnumSet.of(ProjectDeliverable.Status.DONE,
                        ProjectDeliverable.Status.IN_PROGRESS),
                ProjectDeliverable.Status.DONE, EnumSet.noneOf(ProjectDeliverable.Status.class));
        for (ProjectDeliverable.Status from : ProjectDeliverable.Status.values()) {
            for (ProjectDeliverable.Status to : ProjectDeliverable.Status.values()) {
                assertMove(from, to, expected.get(from),
                        () -> ProjectWorkflow.deliverable(Project.Status.KICKOFF, from, to));
            }
        }
    }

    @Test
    void noWorkMovesUnlessTheProjectIsOpen() {
        for (Project.Status closed : List.of(Project.Status.ON_HOLD, Project.Status.COMPLETED, Project.Status.CANCELLED)) {
            Conflict conflict = assertThrows(Conflict.class, () -> ProjectWorkflow.deliverable(closed,
                    ProjectDeliverable.Status.PENDING, ProjectDeliverable.Status.IN_PROGRESS));
            assertEquals(ProjectWorkflow.PROJECT_NOT_OPEN, conflict.reason());
            assertEquals(List.of(), conflict.allowed());
            assertThrows(Conflict.class, () -> ProjectWorkflow.phase(closed, ProjectPhase.Status.PENDING,
                    ProjectPhase.Status.IN_PROGRESS));
        }
    }

    @Test
    void aRefusalNamesTheMovesAllowedInTheirOrder() {
        Conflict conflict = assertThrows(Conflict.class,
                () -> ProjectWorkflow.project(Project.Status.ACTIVE, Project.Status.KICKOFF));
        assertEquals(List.of("on_hold", "completed", "cancelled"), conflict.allowed());
        assertEquals("the project is active and cannot become kickoff; allowed: on_hold, completed, cancelled",
                conflict.getMessage());
    }

    private static <S extends Enum<S>> void assertMove(S from, S to, Set<S> allowed,
                                                       Supplier<ProjectWorkflow.Decision> move) {
        if (from == to) {
            assertEquals(ProjectWorkflow.Decision.ALREADY_DONE, move.get(), from + " again");
            return;
        }
        if (allowed.contains(to)) {
            assertEquals(ProjectWorkflow.Decision.CHANGE, move.get(), from + " -> " + to);
            return;
        }
        Conflict conflict = assertThrows(Conflict.class, move::get, from + " -> " + to);
        assertEquals(ProjectWorkflow.TRANSITION_NOT_ALLOWED, conflict.reason());
        List<String> names = new ArrayList<>();
        allowed.forEach(status -> names.add(status.name().toLowerCase()));
        assertEquals(names, conflict.allowed(), from + " -> " + to);
    }
}
