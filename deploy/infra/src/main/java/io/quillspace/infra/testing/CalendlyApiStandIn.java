package io.quillspace.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A stand-in for Calendly's API v2 (WireMock) that answers in Calendly's wire format: scheduled events and invitees
 * in paginated {@code collection}s with {@code pagination.next_page_token}, webhook subscriptions, 429s with
 * {@code Retry-After}. Requests must carry the studio's bearer token, or they match nothing (404). Used by
 * webhook-ingress's tests, the system test and the reconciliation benchmark (each brings WireMock itself).
 */
public final class CalendlyApiStandIn implements AutoCloseable {

    public static final String API = "https://api.calendly.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    private CalendlyApiStandIn(WireMockServer server) {
        this.server = server;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static CalendlyApiStandIn start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(32).asynchronousResponseEnabled(false));
        server.start();
        return new CalendlyApiStandIn(server);
    }

    /** What {@code quarkus.rest-client.calendly.url} points at. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Forgets every stub and every request seen. */
    public void reset() {
        server.resetAll();
    }

    /** Forgets the requests seen, keeping the stubs: a second sweep over the same data counts its own calls. */
    public void forgetRequests() {
        server.resetRequests();
    }

    /** webhook-ingress settings that give {@code studio} API access through this stand-in. */
    public Map<String, String> ingressSettings(String studio, String token, String organization) {
        return Map.of("quarkus.rest-client.calendly.url", baseUrl(),
                "quillspace.ingress.tenants." + studio + ".api-token", token,
                "quillspace.ingress.tenants." + studio + ".organization", organization);
    }

    // --- Calendly's resources -----------------------------------------------------------------------------------

    /** A scheduled event ("meeting") as {@code GET /scheduled_events} lists it. */
    public static ObjectNode scheduledEvent(String uuid, String name, Instant start, int minutes, boolean canceled) {
        ObjectNode event = JSON.createObjectNode()
                .put("uri", API + "/scheduled_events/" + uuid)
                .put("name", name)
                .putNull("meeting_notes_plain")
                .putNull("meeting_notes_html")
                .put("status", canceled ? "canceled" : "active")
                .put("start_time", start.toString())
                .put("end_time", start.plus(minutes, ChronoUnit.MINUTES).toString())
                .put("event_type", API + "/event_types/ET1CONSULT")
                .put("created_at", start.minus(3, ChronoUnit.DAYS).toString())
                .put("updated_at", start.minus(3, ChronoUnit.DAYS).toString());
        event.putObject("location").put("type", "google_conference").put("status", "pushed")
                .put("join_url", "https://meet.google.com/" + uuid.toLowerCase());
        event.putObject("invitees_counter").put("total", 1).put("active", canceled ? 0 : 1).put("limit", 1);
        event.putArray("event_memberships").addObject().put("user", API + "/users/USR1STUDIO")
                .put("user_email", "editor@quillspace.example").put("user_name", "Alex Kim");
        event.putArray("event_guests");
        return event;
    }

    /** An invitee as {@code GET /scheduled_events/{uuid}/invitees} lists it, active. */
    public static ObjectNode invitee(ObjectNode scheduledEvent, String uuid, String email, String name, String timezone,
                                     Instant updatedAt) {
        String eventUri = scheduledEvent.path("uri").asText();
        String[] names = name.split(" ", 2);
        ObjectNode invitee = JSON.createObjectNode()
                .put("uri", eventUri + "/invitees/" + uuid)
                .put("email", email)
                .put("name", name)
                .put("first_name", names[0])
                .put("last_name", names.length > 1 ? names[1] : "")
                .put("status", "active")
                .put("timezone", timezone)
                .put("event", eventUri)
                .put("created_at", updatedAt.toString())
                .put("updated_at", updatedAt.toString());
        invitee.putArray("questions_and_answers").addObject().put("question", "Working title")
                .put("answer", "The Long Field").put("position", 0);
        invitee.putObject("tracking").putNull("utm_campaign").putNull("utm_source").putNull("utm_medium")
                .putNull("utm_content").putNull("utm_term").putNull("salesforce_uuid");
        invitee.putNull("text_reminder_number")
                .put("rescheduled", false)
                .putNull("old_invitee")
                .putNull("new_invitee")
                .put("cancel_url", "https://calendly.com/cancellations/" + uuid)
                .put("reschedule_url", "https://calendly.com/reschedulings/" + uuid)
                .putNull("routing_form_submission")
                .putNull("payment")
                .putNull("no_show")
                .putNull("reconfirmation")
                .putNull("scheduling_method")
                .putNull("invitee_scheduled_by");
        return invitee;
    }

    /** The invitee canceled at {@code at} (by themselves, with a reason), as the API shows it afterwards. */
    public static ObjectNode canceled(ObjectNode invitee, Instant at) {
        invitee.put("status", "canceled").put("updated_at", at.toString());
        invitee.putObject("cancellation").put("canceled_by", invitee.path("name").asText())
                .put("reason", "Something came up").put("canceler_type", "invitee").put("created_at", at.toString());
        return invitee;
    }

    /** A reschedule: {@code old} canceled at {@code at} with {@code rescheduled} and {@code new_invitee}, linked both ways. */
    public static void rescheduled(ObjectNode old, ObjectNode replacement, Instant at) {
        canceled(old, at).put("rescheduled", true).put("new_invitee", replacement.path("uri").asText());
        replacement.put("old_invitee", old.path("uri").asText());
    }

    /** A webhook subscription as {@code GET /webhook_subscriptions} lists it. */
    public static ObjectNode webhookSubscription(String uuid, String organization, String callbackUrl, boolean active,
                                                 Instant retryStartedAt) {
        ObjectNode subscription = JSON.createObjectNode()
                .put("uri", API + "/webhook_subscriptions/" + uuid)
                .put("callback_url", callbackUrl)
                .put("created_at", "2026-01-05T10:00:00.000000Z")
                .put("updated_at", "2026-01-05T10:00:00.000000Z")
                .put("retry_started_at", retryStartedAt == null ? null : retryStartedAt.toString())
                .put("state", active ? "active" : "disabled")
                .put("scope", "organization")
                .put("organization", organization)
                .putNull("user")
                .putNull("group")
                .put("creator", API + "/users/USR1STUDIO");
        ArrayNode events = subscription.putArray("events");
        List.of("invitee.created", "invitee.canceled", "invitee_no_show.created", "invitee_no_show.deleted")
                .forEach(events::add);
        return subscription;
    }

    // --- Serving them --------------------------------------------------------------------------------------------

    /**
     * Serves an organization's meetings (in the order given) over {@code pageSize}-item pages of
     * {@code GET /scheduled_events}, and each meeting's invitees (the ones whose {@code event} is that meeting).
     */
    public void serveMeetings(String token, String organization, List<ObjectNode> events, List<ObjectNode> invitees,
                              int pageSize) {
        servePages(() -> get(urlPathEqualTo("/scheduled_events")).withQueryParam("organization", equalTo(organization)),
                "/scheduled_events", token, events, pageSize);
        for (ObjectNode event : events) {
            String eventUri = event.path("uri").asText();
            List<ObjectNode> ofEvent = invitees.stream().filter(i -> eventUri.equals(i.path("event").asText())).toList();
            String path = "/scheduled_events/" + uuidOf(eventUri) + "/invitees";
            servePages(() -> get(urlPathEqualTo(path)), path, token, ofEvent, pageSize);
        }
    }

    /** Serves the organization's webhook subscriptions, accepts deletes, and answers a create with {@code created}. */
    public void serveSubscriptions(String token, String organization, List<ObjectNode> subscriptions,
                                   ObjectNode created) {
        servePages(() -> get(urlPathEqualTo("/webhook_subscriptions")).withQueryParam("organization", equalTo(organization))
                .withQueryParam("scope", equalTo("organization")), "/webhook_subscriptions", token, subscriptions, 100);
        server.stubFor(delete(urlPathMatching("/webhook_subscriptions/[^/]+"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(204)));
        ObjectNode answer = JSON.createObjectNode();
        answer.set("resource", created);
        server.stubFor(post(urlPathEqualTo("/webhook_subscriptions"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(201, answer)));
    }

    /**
     * Serves the token's user ({@code GET /users/me}) in {@code organization}, and its membership of it with
     * {@code role} ({@code GET /organization_memberships?user=…&organization=…}).
     */
    public void serveUser(String token, String user, String organization, String role) {
        ObjectNode me = JSON.createObjectNode();
        me.putObject("resource").put("uri", user).put("name", "Alex Kim").put("email", "alex@studio.example")
                .put("current_organization", organization);
        server.stubFor(get(urlPathEqualTo("/users/me")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(200, me)));
        ObjectNode membership = JSON.createObjectNode().put("uri", API + "/organization_memberships/" + newUuid())
                .put("role", role).put("organization", organization);
        membership.putObject("user").put("uri", user);
        servePages(() -> get(urlPathEqualTo("/organization_memberships")).withQueryParam("user", equalTo(user))
                .withQueryParam("organization", equalTo(organization)), "/organization_memberships", token,
                List.of(membership), 100);
    }

    /** Every request with this token is answered 401, as Calendly answers a revoked or made-up token. */
    public void refuseToken(String token) {
        server.stubFor(any(urlPathMatching("/.*")).atPriority(1).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"title\":\"Unauthenticated\",\"message\":\"The access token is invalid\"}")));
    }

    /** Every request to the path (a regex) is answered {@code status}, as when Calendly is down. */
    public void fail(String pathRegex, int status) {
        server.stubFor(any(urlPathMatching(pathRegex)).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"title\":\"Service Unavailable\",\"message\":\"unavailable\"}")));
    }

    /** The next {@code times} requests to the path (a regex) are answered 429 with {@code Retry-After: seconds}. */
    public void rateLimit(String pathRegex, int times, int retryAfterSeconds) {
        String scenario = "rate-limit " + pathRegex;
        for (int i = 0; i < times; i++) {
            server.stubFor(any(urlPathMatching(pathRegex)).atPriority(1)
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "limited-" + i)
                    .willSetStateTo("limited-" + (i + 1))
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"title\":\"Too Many Requests\",\"message\":\"Rate limit exceeded\"}")));
        }
    }

    /** Every request for the organization's meetings is answered {@code status}. */
    public void failMeetings(String organization, int status) {
        server.stubFor(get(urlPathEqualTo("/scheduled_events")).atPriority(1)
                .withQueryParam("organization", equalTo(organization))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"title\":\"Internal Server Error\",\"message\":\"unavailable\"}")));
    }

    /** Requests received that match. */
    public List<LoggedRequest> requests(RequestPatternBuilder pattern) {
        return server.findAll(pattern);
    }

    /** Every request received since the last reset. */
    public int requestCount() {
        return server.getAllServeEvents().size();
    }

    private void servePages(Supplier<MappingBuilder> request, String path, String token, List<? extends JsonNode> items,
                            int pageSize) {
        int pages = Math.max(1, (items.size() + pageSize - 1) / pageSize);
        for (int page = 0; page < pages; page++) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode collection = body.putArray("collection");
            items.subList(page * pageSize, Math.min(items.size(), (page + 1) * pageSize)).forEach(collection::add);
            String next = page + 1 < pages ? "page-" + (page + 1) : null;
            body.putObject("pagination")
                    .put("count", collection.size())
                    .put("next_page", next == null ? null : API + path + "?page_token=" + next)
                    .put("previous_page", page == 0 ? null : API + path + "?page_token=page-" + (page - 1))
                    .put("next_page_token", next)
                    .put("previous_page_token", page == 0 ? null : "page-" + (page - 1));
            MappingBuilder stub = request.get().withHeader("Authorization", equalTo("Bearer " + token))
                    .withQueryParam("page_token", page == 0 ? absent() : equalTo("page-" + page));
            server.stubFor(stub.willReturn(json(200, body)));
        }
    }

    private static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body.toString());
    }

    private static String uuidOf(String uri) {
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    /** A random Calendly-like uuid (upper-case, no dashes). */
    public static String newUuid() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    @Override
    public void close() {
        server.stop();
    }
}
