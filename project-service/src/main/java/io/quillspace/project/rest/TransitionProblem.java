package io.quillspace.project.rest;

import io.quillspace.project.service.ProjectConflict;
import io.quillspace.shared.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A refused status change (409): problem details with the extension member {@code allowed}, the statuses the subject
 * may move to from where it is (RFC 9457 section 3.2).
 */
@Schema(description = "A refused status change: problem details naming the allowed statuses")
public record TransitionProblem(String type, String title, int status, String detail,
                                @Schema(description = "Statuses the subject may move to now; empty when none",
                                        example = "[\"in_review\"]") List<String> allowed) {

    static TransitionProblem of(ProjectConflict conflict) {
        ProjectConflict.Reason reason = conflict.reason();
        Problem problem = Problem.of(reason.slug(), reason.title(), 409, conflict.getMessage());
        return new TransitionProblem(problem.type(), problem.title(), 409, problem.detail(), conflict.allowed());
    }
}
