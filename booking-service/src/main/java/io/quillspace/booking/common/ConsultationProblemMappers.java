package io.quillspace.booking.common;

import io.quillspace.shared.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request the consultation's state does not allow: 409 with a problem type per reason. */
public class ConsultationProblemMappers {

    @ServerExceptionMapper
    public Response conflict(ConsultationConflict conflict) {
        ConsultationConflict.Reason reason = conflict.reason();
        return Response.status(409).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(reason.slug(), reason.title(), 409, conflict.getMessage()))
                .build();
    }
}
