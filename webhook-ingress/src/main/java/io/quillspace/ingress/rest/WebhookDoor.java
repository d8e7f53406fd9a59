package io.quillspace.ingress.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quillspace.ingress.service.DeliveryRejectedException;
import io.quillspace.ingress.service.Outcome;
import io.quillspace.ingress.service.SignatureVerifier;
import io.quillspace.ingress.service.WebhookIntake;
import io.quillspace.shared.problem.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The webhook endpoint's door: refuses a delivery whose headers already disqualify it (no declared length, declared
 * size over the limit, not JSON, unknown studio, missing or garbled signature header) before a byte of its body is
 * read, so unauthenticated callers cannot make the service buffer bodies. It runs ahead of Quarkus's own body-size
 * check, which answers a bare 413 without problem details (it stays as the backstop); deliveries it lets through
 * reach {@link CalendlyWebhookResource}, which verifies the signature.
 */
@ApplicationScoped
public class WebhookDoor {

    /** Before Quarkus's upload limit, which answers oversize requests without problem details. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /** How long a refused request's unread body is drained (and dropped) so the client can read the answer. */
    static final long LINGER_MILLIS = 2_000;

    private final WebhookIntake intake;
    private final ObjectMapper objectMapper;
    private final Vertx vertx;

    public WebhookDoor(WebhookIntake intake, ObjectMapper objectMapper, Vertx vertx) {
        this.intake = intake;
        this.objectMapper = objectMapper;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.post("/webhooks/calendly").order(ORDER).handler(this::screen);
        router.post("/webhooks/calendly/:tenant").order(ORDER).handler(this::screen);
    }

    private void screen(RoutingContext context) {
        HttpServerRequest request = context.request();
        var refusal = intake.screen(new WebhookIntake.DeliveryHeaders(context.pathParam("tenant"),
                request.getHeader(HttpHeaders.CONTENT_TYPE), request.getHeader(SignatureVerifier.HEADER),
                contentLength(request)));
        if (refusal.isEmpty()) {
            context.next();
        } else {
            refuse(request, refusal.get());
        }
    }

    /**
     * Answers and closes the connection. Whatever body is still on its way is dropped chunk by chunk, never gathered;
     * closing at once could reset the connection before the client has read the answer.
     */
    private void refuse(HttpServerRequest request, DeliveryRejectedException rejected) {
        if (rejected.outcome() == Outcome.UNAVAILABLE) {
            request.response().putHeader("Retry-After", DeliveryRejectedMapper.RETRY_AFTER_SECONDS);
        }
        request.response()
                .setStatusCode(rejected.outcome().status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(json(DeliveryRejectedMapper.problem(rejected))));
        if (request.isEnded()) {
            return;
        }
        request.handler(unread -> {
        });
        long linger = vertx.setTimer(LINGER_MILLIS, id -> request.connection().close());
        request.endHandler(end -> {
            vertx.cancelTimer(linger);
            request.connection().close();
        });
        request.resume();
    }

    private static long contentLength(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private byte[] json(Problem problem) {
        try {
            return objectMapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problem details must serialize", e);
        }
    }
}
