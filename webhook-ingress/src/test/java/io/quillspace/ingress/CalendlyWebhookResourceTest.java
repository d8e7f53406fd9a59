package io.quillspace.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.quillspace.infra.testing.ManagementInterface;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CalendlyWebhookResourceTest {

    static final String INVITEE_URI = "https://api.calendly.com/scheduled_events/EVT1AAAA/invitees/INV1AAAA";
    static final String STUDIO_TENANT = "3f2b8c1e-5d4a-4c7b-9e61-2a7d0c9b4f10";
    static final String NEXT_STUDIO_KEY = "whsec-quillspace-next-key-2026";
    static final String SIGNATURE = "Calendly-Webhook-Signature";

    @Inject
    ObjectMapper objectMapper;

    @Inject
    SettableClock clock;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    TopicProbe published;

    @BeforeEach
    void openProbe() {
        published = TopicProbe.atEnd(bootstrapServers, Topics.CALENDLY_WEBHOOKS);
    }

    @AfterEach
    void closeProbe() {
        clock.release();
        published.close();
    }

    @Test
    void signedDeliveryIsPublishedKeyedByInviteeWithItsDeliveryId() throws Exception {
        post("/webhooks/calendly", fixture("invitee.created.json"), signedNow(fixture("invitee.created.json")))
                .statusCode(202);

        ConsumerRecord<String, byte[]> record = published.await(r -> INVITEE_URI.equals(r.key()), Duration.ofSeconds(10));
        JsonNode event = objectMapper.readTree(record.value());
        assertEquals("invitee.created", event.get("event").asText());
        assertEquals(STUDIO_TENANT, event.get("tenantId").asText());
        assertEquals(event.get("deliveryId").asText(), TopicProbe.header(record, EventHeaders.EVENT_ID));
        assertEquals(STUDIO_TENANT, TopicProbe.header(record, EventHeaders.TENANT_ID));
        assertEquals("2026-03-10T14:02:10.534567Z", event.get("payloadUpdatedAt").asText());
        assertEquals("maria.lopez@example.org", event.at("/payload/email").asText());
    }

    @Test
    void publishedValueReadsAsTheSharedContractWithThePayloadUnchanged() throws Exception {
        byte[] body = fixture("invitee.created.json");
        Instant before = Instant.now();
        post("/webhooks/calendly", body, signedNow(body)).statusCode(202);

        ConsumerRecord<String, byte[]> record = published.await(r -> INVITEE_URI.equals(r.key()), Duration.ofSeconds(10));
        CalendlyDeliveryV1 delivery = objectMapper.readValue(record.value(), CalendlyDeliveryV1.class);
        assertEquals(UUID.fromString(TopicProbe.header(record, EventHeaders.EVENT_ID)), delivery.deliveryId());
        assertEquals(UUID.fromString(STUDIO_TENANT), delivery.tenantId());
        assertEquals("invitee.created", delivery.event());
        assertEquals(Instant.parse("2026-03-10T14:02:10.534567Z"), delivery.payloadUpdatedAt());
        assertTrue(!delivery.receivedAt().isBefore(before.truncatedTo(ChronoUnit.MILLIS)), "received after the post");
        assertEquals(objectMapper.readTree(body).get("payload"), delivery.payload());
        assertEquals(String.valueOf(CalendlyDeliveryV1.SCHEMA_VERSION),
                TopicProbe.header(record, EventHeaders.SCHEMA_VERSION));
    }

    @Test
    void calendlyTestVectorVerifiesAtItsOwnTime() {
        clock.pin(Instant.parse("2026-03-10T14:02:11Z"));

        post("/webhooks/calendly", fixture("invitee.created.json"),
                "t=1773151331,v1=6c3b475a491fe8db9b04b7a4a54ee9dfef34fab1afbf1a5edad276f9cd602bd9")
                .statusCode(202);
    }

    @Test
    void tamperedBodyIsUnauthorizedAndNotPublished() {
        byte[] body = fixture("invitee.created.json");
        String signature = signedNow(body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("maria.lopez@", "mallory@")
                .getBytes(StandardCharsets.UTF_8);

        post("/webhooks/calendly", tampered, signature)
                .statusCode(401)
                .body("detail", containsString("signature does not match"));
        assertNothingPublished();
    }

    @Test
    void sameJsonReserializedIsUnauthorizedBecauseTheRawBytesAreSigned() throws Exception {
        byte[] body = fixture("invitee.created.json");
        String signature = signedNow(body);
        byte[] reserialized = objectMapper.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(objectMapper.readTree(body));
        assertEquals(objectMapper.readTree(body), objectMapper.readTree(reserialized), "same JSON document");

        post("/webhooks/calendly", reserialized, signature).statusCode(401);
        assertNothingPublished();
    }

    @Test
    void timestampOlderThanTheToleranceIsRejectedAsStale() {
        byte[] body = fixture("invitee.created.json");

        post("/webhooks/calendly", body, CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY,
                Instant.now().minusSeconds(181), body))
                .statusCode(401)
                .body("type", containsString("webhook-stale"))
                .body("detail", containsString("older than 180 s"));
        assertNothingPublished();
    }

    @Test
    void timestampTooFarInTheFutureIsRejectedAsStale() {
        byte[] body = fixture("invitee.created.json");

        post("/webhooks/calendly", body, CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY,
                Instant.now().plusSeconds(40), body))
                .statusCode(401)
                .body("detail", containsString("in the future"));
    }

    @Test
    void duringRotationOldAndNewKeysAreAcceptedAndAnUnknownKeyIsNot() {
        byte[] body = fixture("invitee.canceled.json");

        post("/webhooks/calendly", body, signedNow(body)).statusCode(202);
        post("/webhooks/calendly", body, CalendlyFixtures.signatureHeader(NEXT_STUDIO_KEY, Instant.now(), body))
                .statusCode(202);
        post("/webhooks/calendly", body, CalendlyFixtures.signatureHeader("whsec-retired-key", Instant.now(), body))
                .statusCode(401);
    }

    @Test
    void headerWithTwoSignaturesIsAcceptedWhenOneMatches() {
        byte[] body = fixture("invitee.created.json");
        Instant now = Instant.now();
        String header = "t=" + now.getEpochSecond()
                + ",v1=" + CalendlyFixtures.signature("whsec-some-other-key", now, body)
                + ",v1=" + CalendlyFixtures.signature(CalendlyFixtures.TEST_SIGNING_KEY, now, body);

        post("/webhooks/calendly", body, header).statusCode(202);
    }

    @Test
    void oversizeBodyIsRefusedBeforeAnySignatureCheck() {
        byte[] body = new byte[256 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');

        // No signature at all: 413 rather than 401 shows the size check comes first.
        given().contentType(ContentType.JSON).body(body)
                .when().post("/webhooks/calendly")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("262144 bytes"));
    }

    @Test
    void nonJsonContentTypeIsUnsupported() {
        byte[] body = fixture("invitee.created.json");

        given().contentType("text/plain").header(SIGNATURE, signedNow(body)).body(body)
                .when().post("/webhooks/calendly")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void missingSignatureHeaderIsUnauthorized() {
        given().contentType(ContentType.JSON).body(fixture("invitee.created.json"))
                .when().post("/webhooks/calendly")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("missing Calendly-Webhook-Signature"));
    }

    @Test
    void garbledSignatureHeaderIsUnauthorized() {
        post("/webhooks/calendly", fixture("invitee.created.json"), "v1=abc,t=yesterday")
                .statusCode(401)
                .body("detail", containsString("not of the form"));
    }

    @Test
    void verifiedBodyThatIsNotJsonIsABadRequest() {
        byte[] body = "{\"event\": \"invitee.created\", \"payload\": ".getBytes(StandardCharsets.UTF_8);

        post("/webhooks/calendly", body, signedNow(body))
                .statusCode(400)
                .body("detail", equalTo("body is not valid JSON"));
    }

    @Test
    void verifiedJsonWithoutEventOrPayloadIsABadRequest() {
        byte[] body = "{\"created_at\": \"2026-03-10T14:02:11Z\"}".getBytes(StandardCharsets.UTF_8);

        post("/webhooks/calendly", body, signedNow(body))
                .statusCode(400)
                .body("detail", containsString("needs 'event'"));
    }

    @Test
    void eventThisSystemDoesNotActOnIsAcceptedCountedAndNotPublished() {
        byte[] body = fixture("routing_form_submission.created.json");
        double before = ignoredRoutingForms();

        post("/webhooks/calendly", body, signedNow(body)).statusCode(202);

        assertEquals(before + 1, ignoredRoutingForms());
        assertNothingPublished();
    }

    @Test
    void duplicateDeliveryCarriesTheSameDeliveryId() throws Exception {
        byte[] body = fixture("invitee_no_show.created.json");

        post("/webhooks/calendly", body, signedNow(body)).statusCode(202);
        clock.pin(Instant.now().plusSeconds(20));
        post("/webhooks/calendly", body, CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY,
                clock.instant(), body)).statusCode(202);

        var first = published.await(r -> INVITEE_URI.equals(r.key()), Duration.ofSeconds(10));
        var second = published.await(r -> INVITEE_URI.equals(r.key()), Duration.ofSeconds(10));
        assertEquals(TopicProbe.header(first, EventHeaders.EVENT_ID), TopicProbe.header(second, EventHeaders.EVENT_ID));
        assertEquals("invitee_no_show.created", objectMapper.readTree(second.value()).get("event").asText());
    }

    @Test
    void tenantInThePathSelectsItsKeysAndItsTenantId() throws Exception {
        byte[] body = fixture("invitee.created.json");

        post("/webhooks/calendly/north", body, signedNow(body)).statusCode(401);
        post("/webhooks/calendly/north", body,
                CalendlyFixtures.signatureHeader("whsec-north-studio-key", Instant.now(), body)).statusCode(202);

        var record = published.await(r -> INVITEE_URI.equals(r.key()), Duration.ofSeconds(10));
        assertEquals("9b1c0e4a-7f3d-4e2b-8a65-1d2c3b4a5f60", objectMapper.readTree(record.value()).get("tenantId").asText());
    }

    @Test
    void unknownTenantInThePathIsNotFoundAndNeverGone() {
        byte[] body = fixture("invitee.created.json");

        post("/webhooks/calendly/nobody", body, signedNow(body))
                .statusCode(404)
                .statusCode(not(410));
    }

    @Test
    void everyOutcomeIsCountedByTenantEventAndOutcome() {
        byte[] body = fixture("invitee.created.json");
        post("/webhooks/calendly", body, signedNow(body)).statusCode(202);
        post("/webhooks/calendly", body, "t=1,v1=" + "0".repeat(64)).statusCode(401);

        ManagementInterface.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("calendly_webhooks_total{event=\"invitee.created\",outcome=\"accepted\",tenant=\"studio\"}"))
                .body(containsString("calendly_webhooks_total{event=\"unknown\",outcome=\"stale\",tenant=\"studio\"}"))
                .body(containsString("calendly_webhook_duration_seconds_bucket{outcome=\"accepted\""));
    }

    /** The 503 alert's increase() and ratio need every studio's series before its first delivery, let alone 503. */
    @Test
    void everyStudiosAcceptedAndUnavailableCountersExistFromStartUpAtZero() {
        assertEquals(OptionalDouble.of(0), ManagementInterface.metric(
                "calendly_webhooks_total{event=\"invitee_no_show.deleted\",outcome=\"unavailable\",tenant=\"north\"}"));
        assertEquals(OptionalDouble.of(0), ManagementInterface.metric(
                "calendly_webhooks_total{event=\"invitee_no_show.deleted\",outcome=\"accepted\",tenant=\"north\"}"));
    }

    private double ignoredRoutingForms() {
        return ManagementInterface.metric(
                "calendly_webhooks_total{event=\"routing_form_submission.created\",outcome=\"ignored\",tenant=\"studio\"}")
                .orElse(0);
    }

    private ValidatableResponse post(String path, byte[] body, String signature) {
        return given().contentType(ContentType.JSON).header(SIGNATURE, signature).body(body)
                .when().post(path)
                .then();
    }

    private void assertNothingPublished() {
        assertTrue(published.drain(Duration.ofSeconds(2)).isEmpty(), "nothing may be published");
    }

    private static String signedNow(byte[] body) {
        return CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY, Instant.now(), body);
    }

    private static byte[] fixture(String name) {
        return CalendlyFixtures.body(name);
    }
}
