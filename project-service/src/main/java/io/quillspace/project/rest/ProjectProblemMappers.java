package io.quillspace.project.rest;

import io.quillspace.project.service.ProjectService;
import io.quillspace.shared.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Project-specific refusals as problem details. */
public class ProjectProblemMappers {

    @ServerExceptionMapper
    public Response subjectNotFound(ProjectService.SubjectNotFound absent) {
        return Response.status(404).type(Problem.MEDIA_TYPE)
                .entity(Problem.of("not-found", "Not found", 404, "no such phase or deliverable in this project"))
                .build();
    }
}
