package io.quillspace.shared.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The body of a {@link Conflict} (409): problem details, plus for a refused status change the extension member
 * {@code allowed}, the statuses the subject may move to from where it is (RFC 9457 section 3.2).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A request the subject's state does not allow; a refused status change names the allowed statuses")
public record ConflictProblem(String type, String title, int status, String detail,
                              @Schema(description = "For a status change: the statuses the subject may move to now; "
                                      + "empty when none", example = "[\"in_review\"]") List<String> allowed) {

    static ConflictProblem of(Conflict conflict) {
        Problem problem = Problem.of(conflict.reason().slug(), conflict.reason().title(), 409, conflict.getMessage());
        return new ConflictProblem(problem.type(), problem.title(), problem.status(), problem.detail(),
                conflict.allowed());
    }
}
