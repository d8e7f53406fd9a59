package io.quillspace.shared.problem;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every service's {@link Conflict}: 409 with the reason's problem type. */
public class ConflictMapper {

    @ServerExceptionMapper
    public Response conflict(Conflict conflict) {
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(ConflictProblem.of(conflict)).build();
    }
}
