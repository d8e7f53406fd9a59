package io.quillspace.email.template;

import io.quillspace.shared.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused template as problem details: every problem in {@code errors}, each under the part it is in. */
public class TemplateProblemMapper {

    @ServerExceptionMapper
    public Response invalidTemplate(InvalidTemplateException failure) {
        Problem refused = Problem.of("invalid-template", "Invalid email template", 400, failure.getMessage());
        Problem problem = new Problem(refused.type(), refused.title(), refused.status(), refused.detail(),
                failure.problems().stream().map(each -> new Problem.FieldError(each.part().label(),
                        (each.line() > 0 ? "line " + each.line() + ": " : "") + each.message())).toList());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
