package io.quillspace.email.rest;

import io.quillspace.email.service.InvalidTemplateException;
import io.quillspace.shared.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problem details for email-service's own errors. */
public class EmailProblemMappers {

    @ServerExceptionMapper
    public Response invalidTemplate(InvalidTemplateException failure) {
        return problem(Problem.of("invalid-template", "Invalid email template", 400, failure.getMessage()));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
