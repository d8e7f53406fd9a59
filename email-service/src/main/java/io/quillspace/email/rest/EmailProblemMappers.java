package io.quillspace.email.rest;

import io.quillspace.shared.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problem details for email-service's own errors. */
public class EmailProblemMappers {

    @ServerExceptionMapper
    public Response notRetryable(JobNotRetryableException failure) {
        return problem(Problem.of("email-job-not-failed", "Only a failed email job can be retried", 409,
                failure.getMessage()));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** An admin asked to retry a job that has not failed. */
    public static class JobNotRetryableException extends RuntimeException {
        public JobNotRetryableException(String message) {
            super(message);
        }
    }
}
