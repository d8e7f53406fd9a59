package io.quillspace.ingress.rest;

import io.quillspace.ingress.service.DeliveryRejectedException;
import io.quillspace.ingress.service.Outcome;
import io.quillspace.shared.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refused deliveries leave as problem details; 503 carries Retry-After so Calendly retries rather than gives up. */
public class DeliveryRejectedMapper {

    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response map(DeliveryRejectedException rejected) {
        Outcome outcome = rejected.outcome();
        Response.ResponseBuilder response = Response.status(outcome.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem(rejected));
        if (outcome == Outcome.UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    /** The problem details of a refusal, whether the resource or the door before it ({@link WebhookDoor}) refuses. */
    static Problem problem(DeliveryRejectedException rejected) {
        Outcome outcome = rejected.outcome();
        return Problem.of("webhook-" + outcome.tag().replace('_', '-'), title(outcome), outcome.status(),
                rejected.getMessage());
    }

    private static String title(Outcome outcome) {
        return switch (outcome) {
            case UNAUTHORIZED -> "Signature verification failed";
            case STALE -> "Signature timestamp outside the accepted window";
            case TOO_LARGE -> "Body too large";
            case LENGTH_REQUIRED -> "Content-Length required";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported media type";
            case BAD_REQUEST -> "Not a Calendly delivery";
            case UNKNOWN_TENANT -> "Unknown studio";
            case UNAVAILABLE -> "Temporarily unable to accept deliveries";
            case ACCEPTED, IGNORED, SUSPENDED -> throw new IllegalArgumentException(outcome + " is not a rejection");
        };
    }
}
