package io.quillspace.shared.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Problem details for the errors every service with an API shares: authentication, authorization, invalid
 * parameters and absent resources. Another tenant's resource is absent too (404), so ids cannot be probed across tenants.
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

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException failure) {
        String detail = failure.getConstraintViolations().stream()
                .map(violation -> parameterName(violation.getPropertyPath().toString()) + " " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(Problem.of("invalid-request", "Invalid request", 400, detail));
    }

    /** {@code list.page} names the method's parameter; the caller knows it as {@code page}. */
    private static String parameterName(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
