package io.quillspace.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.CalendlyApiStandIn;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.ManagementInterface;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.ingress.entity.Studio;
import io.quillspace.ingress.service.ReconciliationService;
import io.quillspace.ingress.studio.StudioStatuses;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.quillspace.infra.testing.CalendlyApiStandIn.canceled;
import static io.quillspace.infra.testing.CalendlyApiStandIn.invitee;
import static io.quillspace.infra.testing.CalendlyApiStandIn.newUuid;
import static io.quillspace.infra.testing.CalendlyApiStandIn.scheduledEvent;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ReconciliationTest {

    static final UUID STUDIO = UUID.fromString("3f2b8c1e-5d4a-4c7b-9e61-2a7d0c9b4f10");
    static final UUID NORTH = UUID.fromString("9b1c0e4a-7f3d-4e2b-8a65-1d2c3b4a5f60");
    static final String STUDIO_TOKEN = "calendly-token-studio";
    static final String STUDIO_ORG = "https://api.calendly.com/organizations/ORGSTUDIO";
    static final String NORTH_TOKEN = "calendly-token-north";
    static final String NORTH_ORG = "https://api.calendly.com/organizations/ORGNORTH";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ReconciliationService reconciliation;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    @Inject
    StudioStatuses statuses;

    CalendlyApiStandIn calendly = CalendlyApiTestResource.standIn();
    TopicProbe published;

    @BeforeEach
    void openProbe() {
        calendly.reset();
        // Scheduled sweeps of earlier tests hold their studios' leases: every test starts as a fresh interval.
        for (UUID tenant : List.of(STUDIO, NORTH)) {
            DatabaseProbe.asMigrationOwner().updateAs(tenant.toString(), "", "service",
                    "update reconciliation_watermarks set claimed_until = null");
        }
        published = TopicProbe.atEnd(bootstrapServers, Topics.CALENDLY_WEBHOOKS);
    }

    @AfterEach
    void closeProbe() {
        published.close();
    }

    @Test
    void aMissedBookingIsPublishedAsTheInviteeCreatedDeliveryItsWebhookWouldHaveBeen() throws Exception {
        ObjectNode meeting = scheduledEvent(newUuid(), "Manuscript consultation (45 min)", inDays(3), 45, false);
        ObjectNode invitee = invitee(meeting, newUuid(), "ines.duarte@example.org", "Ines Duarte", "Europe/Lisbon",
                Instant.parse("2026-03-10T14:02:10.534567Z"));
        calendly.serveMeetings(STUDIO_TOKEN, STUDIO_ORG, List.of(meeting), List.of(invitee), 100);

        sweepStudio().body("events", equalTo(1)).body("invitees", equalTo(1)).body("published", equalTo(1));

        String inviteeUri = invitee.path("uri").asText();
        ConsumerRecord<String, byte[]> record = published.await(r -> inviteeUri.equals(r.key()), Duration.ofSeconds(10));
        CalendlyDeliveryV1 delivery = CalendlyDeliveryV1.decode(record.value());
        assertEquals("invitee.created", delivery.event());
        assertEquals(CalendlyDeliveryV1.deliveryId("invitee.created", inviteeUri), delivery.deliveryId());
        assertEquals(STUDIO, delivery.tenantId());
        assertEquals(CalendlyDeliveryV1.Source.RECONCILIATION, delivery.source());
        assertEquals(Instant.parse("2026-03-10T14:02:10.534567Z"), delivery.payloadUpdatedAt());
        assertEquals("ines.duarte@example.org", delivery.payload().path("email").asText());
        assertEquals(meeting.path("uri").asText(), delivery.payload().at("/scheduled_event/uri").asText());
        assertEquals(meeting.path("start_time").asText(), delivery.payload().at("/scheduled_event/start_time").asText());
        assertEquals("RECONCILIATION", TopicProbe.header(record, EventHeaders.SOURCE));
        assertEquals(delivery.deliveryId().toString(), TopicProbe.header(record, EventHeaders.EVENT_ID));
        assertEquals(1, calendly.requests(getRequestedFor(urlPathEqualTo("/scheduled_events"))).size());
    }

    @Test
    void aMissedCancelAndAMissedRescheduleArePublishedAsTheirWebhooksWithTheLinks() throws Exception {
        Instant changed = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        ObjectNode canceledMeeting = scheduledEvent(newUuid(), "Manuscript consultation (45 min)", inDays(2), 45, true);
        ObjectNode canceledInvitee = canceled(invitee(canceledMeeting, newUuid(), "a@example.org", "Ann Lee", "UTC",
                changed.minus(2, ChronoUnit.DAYS)), changed);
        ObjectNode oldMeeting = scheduledEvent(newUuid(), "Manuscript consultation (45 min)", inDays(4), 45, true);
        ObjectNode newMeeting = scheduledEvent(newUuid(), "Manuscript consultation (45 min)", inDays(5), 45, false);
        ObjectNode before = invitee(oldMeeting, newUuid(), "tom@example.org", "Tom Okafor", "America/New_York",
                changed.minus(3, ChronoUnit.DAYS));
        ObjectNode after = invitee(newMeeting, newUuid(), "tom@example.org", "Tom Okafor", "America/New_York", changed);
        CalendlyApiStandIn.rescheduled(before, after, changed);
        calendly.serveMeetings(STUDIO_TOKEN, STUDIO_ORG, List.of(canceledMeeting, oldMeeting, newMeeting),
                List.of(canceledInvitee, before, after), 100);

        sweepStudio().body("events", equalTo(3)).body("published", equalTo(3));

        CalendlyDeliveryV1 cancel = delivery(canceledInvitee.path("uri").asText());
        assertEquals("invitee.canceled", cancel.event());
        assertEquals(changed, cancel.payloadUpdatedAt());
        assertEquals("Something came up", cancel.payload().at("/cancellation/reason").asText());
        assertEquals(false, cancel.payload().path("rescheduled").asBoolean());
        CalendlyDeliveryV1 oldHalf = delivery(before.path("uri").asText());
        assertEquals("invitee.canceled", oldHalf.event());
        assertTrue(oldHalf.payload().path("rescheduled").asBoolean());
        assertEquals(after.path("uri").asText(), oldHalf.payload().path("new_invitee").asText());
        CalendlyDeliveryV1 newHalf = delivery(after.path("uri").asText());
        assertEquals("invitee.created", newHalf.event());
        assertEquals(before.path("uri").asText(), newHalf.payload().path("old_invitee").asText());
        assertEquals(newMeeting.path("uri").asText(), newHalf.payload().at("/scheduled_event/uri").asText());
    }

    @Test
    void everyPageOfMeetingsAndInviteesIsRead() throws Exception {
        List<ObjectNode> meetings = new java.util.ArrayList<>();
        List<ObjectNode> invitees = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode meeting = scheduledEvent(newUuid(), "Group critique", inDays(1 + i), 60, false);
            meetings.add(meeting);
            for (int j = 0; j < 3; j++) {
                invitees.add(invitee(meeting, newUuid(), "writer" + i + j + "@example.org", "Writer " + i + j, "UTC",
                        Instant.parse("2026-03-01T10:00:00Z")));
            }
        }
        calendly.serveMeetings(STUDIO_TOKEN, STUDIO_ORG, meetings, invitees, 2);

        sweepStudio().body("events", equalTo(5)).body("invitees", equalTo(15)).body("published", equalTo(15));

        for (ObjectNode invitee : invitees) {
            delivery(invitee.path("uri").asText());
        }
        assertEquals(3, calendly.requests(getRequestedFor(urlPathEqualTo("/scheduled_events"))).size(),
                "5 meetings over pages of 2");
        assertEquals(3 + 5 * 2, calendly.requestCount(), "and 2 pages of invitees per meeting");
    }

    @Test
    void aRateLimitedCallWaitsWhatRetryAfterSaysAndThenSucceeds() throws Exception {
        ObjectNode meeting = scheduledEvent(newUuid(), "Manuscript consultation (45 min)", inDays(1), 45, false);
        ObjectNode invitee = invitee(meeting, newUuid(), "r@example.org", "Rae Holm", "UTC", Instant.now());
        calendly.serveMeetings(STUDIO_TOKEN, STUDIO_ORG, List.of(meeting), List.of(invitee), 100);
        calendly.rateLimit("/scheduled_events", 1, 2);

        sweepStudio().body("published", equalTo(1));

        var calls = calendly.requests(getRequestedFor(urlPathEqualTo("/scheduled_events")));
        assertEquals(2, calls.size(), "the 429, then the retry");
        long waitedMillis = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertTrue(waitedMillis >= 2000, "retried after " + waitedMillis + " ms, before Retry-After's 2 s");
        delivery(invitee.path("uri").asText());
    }

    @Test
    void oneStudiosApiFailureLeavesTheOtherStudiosReconciled() throws Exception {
        ObjectNode meeting = scheduledEvent(newUuid(), "Manuscript consultation (45 min)", inDays(1), 45, false);
        ObjectNode invitee = invitee(meeting, newUuid(), "s@example.org", "Sam Ito", "UTC", Instant.now());
        calendly.serveMeetings(STUDIO_TOKEN, STUDIO_ORG, List.of(meeting), List.of(invitee), 100);
        calendly.failMeetings(NORTH_ORG, 500);
        double northFailures = sweeps("north", "failure");
        double studioSuccesses = sweeps("studio", "success");

        List<ReconciliationService.SweepResult> completed = OnVertx.await(vertx, reconciliation::sweepAll,
                Duration.ofSeconds(30));

        assertEquals(List.of("studio"), completed.stream().map(ReconciliationService.SweepResult::studio).toList());
        delivery(invitee.path("uri").asText());
        assertEquals(northFailures + 1, sweeps("north", "failure"));
        assertEquals(studioSuccesses + 1, sweeps("studio", "success"));
        assertEquals(5, calendly.requests(getRequestedFor(urlPathEqualTo("/scheduled_events"))
                .withQueryParam("organization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(NORTH_ORG)))
                .size(), "north's 500s were retried up to the attempt limit");
    }

    /** The failing-reconciliation alert reads the age of the last success, which a failed sweep leaves alone. */
    @Test
    void theLastCompletedSweepOfEachStudioIsAGaugeThatOnlySuccessMoves() throws Exception {
        calendly.serveMeetings(STUDIO_TOKEN, STUDIO_ORG, List.of(), List.of(), 100);
        calendly.failMeetings(NORTH_ORG, 500);
        long started = Instant.now().getEpochSecond();

        OnVertx.await(vertx, reconciliation::sweepAll, Duration.ofSeconds(30));

        double studio = lastSuccess("studio");
        assertTrue(studio >= started, "studio's sweep completed at " + studio + ", started " + started);
        assertTrue(lastSuccess("north") < started, "north's sweep failed: " + lastSuccess("north"));
    }

    @Test
    void aScheduledSweepLeavesAStudioAnotherReplicaSweptWithinItsLeaseAlone() throws Exception {
        calendly.serveMeetings(STUDIO_TOKEN, STUDIO_ORG, List.of(), List.of(), 100);
        calendly.serveMeetings(NORTH_TOKEN, NORTH_ORG, List.of(), List.of(), 100);

        var first = OnVertx.await(vertx, reconciliation::sweepAll, Duration.ofSeconds(30));
        var second = OnVertx.await(vertx, reconciliation::sweepAll, Duration.ofSeconds(30));

        assertEquals(List.of("north", "studio"), first.stream().map(ReconciliationService.SweepResult::studio).toList());
        assertEquals(List.of(), second, "both studios are leased to the first sweep for 14 minutes");
        // Studios other tests connected through the API are swept too (and fail here): count these two only.
        for (String organization : List.of(STUDIO_ORG, NORTH_ORG)) {
            assertEquals(1, calendly.requests(getRequestedFor(urlPathEqualTo("/scheduled_events")).withQueryParam(
                    "organization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(organization))).size());
        }
        // An operator's sweep is not held back by the lease.
        sweepStudio().statusCode(200);
    }

    @Test
    void aSuspendedStudioIsNotSweptOnScheduleUntilItIsResumed() throws Exception {
        calendly.serveMeetings(STUDIO_TOKEN, STUDIO_ORG, List.of(), List.of(), 100);
        calendly.serveMeetings(NORTH_TOKEN, NORTH_ORG, List.of(), List.of(), 100);
        String operator = DevTokens.operatorToken(UUID.randomUUID());
        given().auth().oauth2(operator).post("/studios/" + NORTH + "/suspension").then().statusCode(200);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> statuses.of(NORTH) == Studio.Status.SUSPENDED);

            var swept = OnVertx.await(vertx, reconciliation::sweepAll, Duration.ofSeconds(30));

            assertEquals(List.of("studio"), swept.stream().map(ReconciliationService.SweepResult::studio).toList());
            assertEquals(0, calendly.requests(getRequestedFor(urlPathEqualTo("/scheduled_events"))
                    .withQueryParam("organization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(NORTH_ORG)))
                    .size());
        } finally {
            given().auth().oauth2(operator).delete("/studios/" + NORTH + "/suspension").then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.of(NORTH) == Studio.Status.ACTIVE);
        // Resumed, north is read again; its sweep fails here so that no other test sees a fresh success of north's.
        calendly.failMeetings(NORTH_ORG, 500);
        OnVertx.await(vertx, reconciliation::sweepAll, Duration.ofSeconds(30));
        assertTrue(calendly.requests(getRequestedFor(urlPathEqualTo("/scheduled_events"))
                .withQueryParam("organization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(NORTH_ORG)))
                .size() > 0, "a resumed studio is swept again");
    }

    @Test
    void aSweepAfterACompletedOneReadsFromItsWatermarkNotTheWholeLookBack() throws Exception {
        calendly.serveMeetings(STUDIO_TOKEN, STUDIO_ORG, List.of(), List.of(), 100);
        sweepStudio().statusCode(200);
        Instant secondStarted = Instant.now();

        sweepStudio().statusCode(200);

        var calls = calendly.requests(getRequestedFor(urlPathEqualTo("/scheduled_events")));
        Instant secondFrom = Instant.parse(calls.get(1).queryParameter("min_start_time").firstValue());
        // From the first sweep's start less the 24 h overlap: never the 7-day look-back again.
        Duration behind = Duration.between(secondFrom, secondStarted);
        assertTrue(behind.compareTo(Duration.ofHours(24)) >= 0 && behind.compareTo(Duration.ofHours(25)) < 0,
                "second sweep read from " + secondFrom);
        assertFalse(calls.get(1).queryParameter("status").isPresent(), "no status filter: active and canceled alike");
    }

    @Test
    void onlyTheStudiosAdminsMaySweepIt() {
        given().post("/calendly/studio/reconciliations").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(DevTokens.token(STUDIO, UUID.randomUUID(), "user"))
                .post("/calendly/studio/reconciliations").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(DevTokens.token(UUID.randomUUID(), UUID.randomUUID(), "admin"))
                .post("/calendly/studio/reconciliations").then().statusCode(404)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("studio-not-found"));
    }

    @Test
    void calendlyRefusingTheTokenIsABadGatewayProblem() {
        calendly.failMeetings(STUDIO_ORG, 401);
        given().auth().oauth2(DevTokens.token(STUDIO, UUID.randomUUID(), "admin"))
                .post("/calendly/studio/reconciliations").then().statusCode(502)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("calendly-unavailable"));
        assertEquals(1, calendly.requests(getRequestedFor(urlPathEqualTo("/scheduled_events"))).size(),
                "a 401 is final: no retry");
    }

    private io.restassured.response.ValidatableResponse sweepStudio() {
        return given().auth().oauth2(DevTokens.token(STUDIO, UUID.randomUUID(), "admin"))
                .when().post("/calendly/studio/reconciliations")
                .then().statusCode(200);
    }

    private CalendlyDeliveryV1 delivery(String inviteeUri) {
        return CalendlyDeliveryV1.decode(published.await(r -> inviteeUri.equals(r.key()), Duration.ofSeconds(10)).value());
    }

    private double sweeps(String tenant, String outcome) {
        var counter = registry.find("calendly.reconciliation.sweeps").tags("tenant", tenant, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double lastSuccess(String tenant) {
        return ManagementInterface.metric("calendly_reconciliation_last_success_timestamp_seconds{tenant=\"" + tenant
                + "\"}").orElseThrow();
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    }
}
