package io.quillspace.shared.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Problem details for the errors every service with an API shares: authentication, authorization and absent
 * resources. Another tenant's resource is absent too (404), so ids cannot be probed across tenants.
 */
public class ProblemMappers {

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException failure) {
        String detail = failure instanceof UnauthorizedException && failure.getMessage() != null
                ? failure.getMessage() : "a valid bearer token from the API gateway is required";
        return problem(Problem.of("unauthorized", "Not authenticated", 401, detail));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException failure) {
        return problem(Problem.of("forbidden", "Not allowed for your role", 403,
                "your role does not allow this operation"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException failure) {
        return problem(Problem.of("not-found", "Not found", 404, failure.getMessage()));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
