package io.quillspace.project.service;

import io.quillspace.project.entity.Project;
import io.quillspace.project.entity.ProjectDeliverable;
import io.quillspace.project.entity.ProjectPhase;
import io.quillspace.project.mapping.StatusNames;
import io.quillspace.shared.problem.Conflict;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The status machines of a project, its phases and its deliverables, as pure functions. Moving to the status a subject
 * already has changes nothing (a repeated request); any other move not listed is a {@link Conflict} naming the
 * moves that are. Work on phases and deliverables happens only while the project is open (kickoff or active).
 */
public final class ProjectWorkflow {

    public static final Conflict.Reason TRANSITION_NOT_ALLOWED = new Conflict.Reason("transition-not-allowed",
            "The status cannot change that way");
    public static final Conflict.Reason PROJECT_NOT_OPEN = new Conflict.Reason("project-not-open",
            "The project is not open for work");

    /** What a request does to a subject that allows it. */
    public enum Decision { CHANGE, ALREADY_DONE }

    private static final Map<Project.Status, Set<Project.Status>> PROJECT = Map.of(
            Project.Status.KICKOFF, EnumSet.of(Project.Status.ACTIVE, Project.Status.ON_HOLD, Project.Status.CANCELLED),
            Project.Status.ACTIVE, EnumSet.of(Project.Status.COMPLETED, Project.Status.ON_HOLD, Project.Status.CANCELLED),
            Project.Status.ON_HOLD, EnumSet.of(Project.Status.ACTIVE, Project.Status.CANCELLED),
            Project.Status.COMPLETED, EnumSet.noneOf(Project.Status.class),
            Project.Status.CANCELLED, EnumSet.noneOf(Project.Status.class));

    private static final Map<ProjectPhase.Status, Set<ProjectPhase.Status>> PHASE = Map.of(
            ProjectPhase.Status.PENDING, EnumSet.of(ProjectPhase.Status.IN_PROGRESS),
            ProjectPhase.Status.IN_PROGRESS, EnumSet.of(ProjectPhase.Status.COMPLETED),
            // Reopened when the client's feedback sends the studio back to it.
            ProjectPhase.Status.COMPLETED, EnumSet.of(ProjectPhase.Status.IN_PROGRESS));

    private static final Map<ProjectDeliverable.Status, Set<ProjectDeliverable.Status>> DELIVERABLE = Map.of(
            ProjectDeliverable.Status.PENDING, EnumSet.of(ProjectDeliverable.Status.IN_PROGRESS),
            ProjectDeliverable.Status.IN_PROGRESS, EnumSet.of(ProjectDeliverable.Status.IN_REVIEW),
            ProjectDeliverable.Status.IN_REVIEW, EnumSet.of(ProjectDeliverable.Status.DONE,
                    ProjectDeliverable.Status.IN_PROGRESS),
            ProjectDeliverable.Status.DONE, EnumSet.noneOf(ProjectDeliverable.Status.class));

    private static final Set<Project.Status> OPEN = EnumSet.of(Project.Status.KICKOFF, Project.Status.ACTIVE);

    private ProjectWorkflow() {
    }

    public static Decision project(Project.Status from, Project.Status to) {
        return move("the project", PROJECT, from, to);
    }

    public static Decision phase(Project.Status project, ProjectPhase.Status from, ProjectPhase.Status to) {
        requireOpen(project);
        return move("the phase", PHASE, from, to);
    }

    public static Decision deliverable(Project.Status project, ProjectDeliverable.Status from,
                                       ProjectDeliverable.Status to) {
        requireOpen(project);
        return move("the deliverable", DELIVERABLE, from, to);
    }

    private static void requireOpen(Project.Status project) {
        if (!OPEN.contains(project)) {
            String hint = project == Project.Status.ON_HOLD ? ": resume it (active) first" : "";
            throw new Conflict(PROJECT_NOT_OPEN,
                    "the project is " + StatusNames.wire(project) + hint, List.of());
        }
    }

    private static <S extends Enum<S>> Decision move(String subject, Map<S, Set<S>> machine, S from, S to) {
        if (from == to) {
            return Decision.ALREADY_DONE;
        }
        Set<S> allowed = machine.get(from);
        if (!allowed.contains(to)) {
            List<String> names = allowed.stream().map(StatusNames::wire).toList();
            throw new Conflict(TRANSITION_NOT_ALLOWED, subject + " is " + StatusNames.wire(from)
                    + " and cannot become " + StatusNames.wire(to) + (names.isEmpty() ? "; it is final"
                    : "; allowed: " + String.join(", ", names)), names);
        }
        return Decision.CHANGE;
    }
}
