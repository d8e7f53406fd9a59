package io.quillspace.shared.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Problem details for the errors every service with an API shares: authentication, authorization, invalid
 * parameters, absent resources and an unreachable database. Another tenant's resource is absent too (404), so ids cannot
 * be probed across tenants.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Long enough for a pooled connection to be re-established after a restart or fail-over, short enough to matter. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

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

    /**
     * JAX-RS answers a query or path value that does not convert ({@code page=abc}, a tenant that is not a UUID) with a
     * 404 carrying the conversion failure; that is a bad request, not an absent resource.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException failure) {
        if (failure.getCause() instanceof IllegalArgumentException unconvertible) {
            return problem(Problem.of("bad-request", "Bad request", 400,
                    "a query or path parameter is not of its type: " + unconvertible.getMessage()));
        }
        return problem(Problem.of("not-found", "Not found", 404, failure.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException failure) {
        List<Problem.FieldError> errors = failure.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldName(violation.getPropertyPath().toString()),
                        violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return problem(Problem.invalid(errors));
    }

    /**
     * Errors the framework raises before a resource runs. A 400 (above all a body that is not the JSON the operation
     * reads: malformed, or a value of the wrong type) becomes a problem; other statuses keep the framework's answer.
     */
    @ServerExceptionMapper
    public Response framework(WebApplicationException failure) {
        if (failure.getResponse().getStatus() != 400) {
            return failure.getResponse();
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableBody(json);
            }
        }
        return problem(Problem.of("bad-request", "Bad request", 400, failure.getMessage()));
    }

    @ServerExceptionMapper
    public Response unreadableBody(MismatchedInputException failure) {
        return unreadableBody((JsonProcessingException) failure);
    }

    private static Response unreadableBody(JsonProcessingException failure) {
        return problem(Problem.of("malformed-body", "Malformed request body", 400,
                "the body is not valid JSON for this operation: " + failure.getOriginalMessage()));
    }

    /**
     * The database cannot be reached (see {@link DatabaseUnreachable}): 503 with Retry-After, so clients and the gateway
     * retry instead of reporting a bug. The same types raised for another reason (a constraint violation reaching the
     * resource, say) are a bug: logged with their stack and answered 500.
     */
    @ServerExceptionMapper({ConnectException.class, ClosedConnectionException.class, DatabaseException.class,
            NoStackTraceThrowable.class})
    public Response databaseFailure(Throwable failure) {
        if (DatabaseUnreachable.in(failure)) {
            LOG.warnf("database unreachable, answered 503: %s", failure.toString());
            return Response.fromResponse(problem(Problem.of("service-unavailable", "Service unavailable", 503,
                            "the service cannot reach its database; retry after the interval in Retry-After")))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
                    .build();
        }
        LOG.error("request failed", failure);
        return problem(Problem.of("internal-error", "Internal server error", 500,
                "the request failed unexpectedly; the service log has the details"));
    }

    /**
     * The name the caller knows: {@code list.page} is the query parameter {@code page}, and
     * {@code create.proposal.phases[0].name} the body's {@code phases[0].name} (method and parameter names dropped).
     */
    static String fieldName(String path) {
        String withoutMethod = path.substring(path.indexOf('.') + 1);
        int parameterEnd = withoutMethod.indexOf('.');
        return parameterEnd < 0 ? withoutMethod : withoutMethod.substring(parameterEnd + 1);
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
