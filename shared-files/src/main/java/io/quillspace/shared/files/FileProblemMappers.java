package io.quillspace.shared.files;

import io.quillspace.shared.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A file request its upload's state does not allow: 409 with a problem type per reason. */
public class FileProblemMappers {

    @ServerExceptionMapper
    public Response conflict(FileConflict conflict) {
        FileConflict.Reason reason = conflict.reason();
        return Response.status(409).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(reason.slug(), reason.title(), 409, conflict.getMessage()))
                .build();
    }
}
