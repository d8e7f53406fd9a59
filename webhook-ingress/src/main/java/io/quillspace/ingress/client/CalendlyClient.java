package io.quillspace.ingress.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quillspace.ingress.config.IngressConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one Calendly API client of the codebase: {@link CalendlyApi} with the studio's bearer token, every page of a
 * listing, and {@link CalendlyRetryPolicy} (429 + Retry-After, backoff on 5xx and timeouts). Timeouts are the REST
 * client's ({@code quarkus.rest-client.calendly.connect-timeout/read-timeout}). Every answer is counted in
 * {@code calendly_api_requests_total{operation, outcome}}.
 */
@ApplicationScoped
public class CalendlyClient {

    private static final Logger LOG = Logger.getLogger(CalendlyClient.class);
    private static final String SCOPE = "organization";

    private final CalendlyApi api;
    private final CalendlyRetryPolicy retries;
    private final int pageSize;
    private final MeterRegistry registry;

    public CalendlyClient(@RestClient CalendlyApi api, IngressConfig config, MeterRegistry registry, Clock clock) {
        this.api = api;
        IngressConfig.Api settings = config.calendly().api();
        this.retries = new CalendlyRetryPolicy(settings.maxAttempts(), settings.backoff(), settings.maxWait(), clock);
        this.pageSize = settings.pageSize();
        this.registry = registry;
    }

    /** The organization's meetings, active and canceled, starting at or after {@code minStartTime}, earliest first. */
    public Multi<JsonNode> scheduledEvents(String token, String organization, Instant minStartTime) {
        return collection("scheduled_events", pageToken -> api.scheduledEvents(bearer(token), organization,
                minStartTime.toString(), "start_time:asc", pageSize, pageToken));
    }

    /** Every invitee of one meeting, active and canceled. */
    public Multi<JsonNode> invitees(String token, String eventUuid) {
        return collection("invitees", pageToken -> api.invitees(bearer(token), eventUuid, pageSize, pageToken));
    }

    /** The token's user, with its {@code uri} and {@code current_organization}. */
    public Uni<JsonNode> currentUser(String token) {
        return call("current_user", () -> api.currentUser(bearer(token))).map(answer -> answer.path("resource"));
    }

    /** The user's memberships of the organization (one, with its {@code role}, or none). */
    public Multi<JsonNode> organizationMemberships(String token, String user, String organization) {
        return collection("organization_memberships", pageToken -> api.organizationMemberships(bearer(token), user,
                organization, pageSize, pageToken));
    }

    /** The organization's webhook subscriptions (organization scope). */
    public Multi<JsonNode> webhookSubscriptions(String token, String organization) {
        return collection("webhook_subscriptions", pageToken -> api.webhookSubscriptions(bearer(token), organization,
                SCOPE, pageSize, pageToken));
    }

    /** Creates a subscription; Calendly answers with it under {@code resource}. */
    public Uni<JsonNode> createWebhookSubscription(String token, JsonNode subscription) {
        return call("create_webhook_subscription", () -> api.createWebhookSubscription(bearer(token), subscription))
                .map(created -> created.path("resource"));
    }

    public Uni<Void> deleteWebhookSubscription(String token, String subscriptionUuid) {
        return call("delete_webhook_subscription", () -> api.deleteWebhookSubscription(bearer(token), subscriptionUuid));
    }

    /** The last path segment of a Calendly resource URI: its uuid. */
    public static String uuidOf(String uri) {
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    private Multi<JsonNode> collection(String operation, Function<String, Uni<JsonNode>> page) {
        return pages(operation, page, null);
    }

    /** One page, then (lazily) the rest: {@code pagination.next_page_token} is null on the last one. */
    private Multi<JsonNode> pages(String operation, Function<String, Uni<JsonNode>> page, String pageToken) {
        return call(operation, () -> page.apply(pageToken)).onItem().transformToMulti(answer -> {
            Multi<JsonNode> items = Multi.createFrom().iterable(answer.path("collection"));
            JsonNode next = answer.at("/pagination/next_page_token");
            return next.isTextual() && !next.asText().isEmpty()
                    ? Multi.createBy().concatenating().streams(items, pages(operation, page, next.asText()))
                    : items;
        });
    }

    private <T> Uni<T> call(String operation, Supplier<Uni<T>> request) {
        return attempt(operation, request, 1, Vertx.currentContext());
    }

    private <T> Uni<T> attempt(String operation, Supplier<Uni<T>> request, int attempt, Context caller) {
        return Uni.createFrom().deferred(request::get)
                .invoke(() -> count(operation, "ok"))
                .onFailure().recoverWithUni(failure -> {
                    Integer status = failure instanceof WebApplicationException rejected
                            ? rejected.getResponse().getStatus() : null;
                    count(operation, status == null ? "error" : Integer.toString(status));
                    String retryAfter = failure instanceof WebApplicationException rejected
                            ? rejected.getResponse().getHeaderString(HttpHeaders.RETRY_AFTER) : null;
                    var wait = retries.waitBeforeRetry(attempt, status, retryAfter);
                    if (wait.isEmpty()) {
                        return Uni.createFrom().failure(new CalendlyApiException(operation, status, failure));
                    }
                    LOG.infof("Calendly %s failed (%s), attempt %d; retrying in %s", operation,
                            status == null ? failure.toString() : "HTTP " + status, attempt, wait.get());
                    return after(wait.get(), caller).chain(() -> attempt(operation, request, attempt + 1, caller));
                });
    }

    /** Waits on the caller's Vert.x context (when it has one), where its reactive database session lives. */
    private static Uni<Void> after(Duration wait, Context caller) {
        if (caller == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        }
        return Uni.createFrom().emitter(done -> caller.runOnContext(ignored ->
                caller.owner().setTimer(Math.max(1, wait.toMillis()), timer -> done.complete(null))));
    }

    private void count(String operation, String outcome) {
        registry.counter("calendly.api.requests", "operation", operation, "outcome", outcome).increment();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
