package io.quillspace.email.dispatch;

import io.quillspace.shared.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problem details of email job administration. */
public class EmailJobProblems {

    static final String NOT_FOUND = "No such email job in the caller's studio (another studio's ids are absent too)";
    static final String NOT_FAILED = "The job has not failed (type email-job-not-failed): only a FAILED job is retried";

    @ServerExceptionMapper
    public Response notRetryable(JobNotRetryableException failure) {
        Problem problem = Problem.of("email-job-not-failed", "Only a failed email job can be retried", 409,
                failure.getMessage());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** An admin asked to retry a job that has not failed. */
    static class JobNotRetryableException extends RuntimeException {
        JobNotRetryableException(String message) {
            super(message);
        }
    }
}
