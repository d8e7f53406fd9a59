package io.quillspace.ingress.studio;

import io.quillspace.shared.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused studio profile as problem details: every offending field in {@code errors}. */
public class StudioProblemMapper {

    @ServerExceptionMapper
    public Response invalidProfile(InvalidProfileException failure) {
        Problem problem = Problem.invalid(failure.problems());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
