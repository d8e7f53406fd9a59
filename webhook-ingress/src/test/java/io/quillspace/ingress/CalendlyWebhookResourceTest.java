package io.quillspace.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CalendlyWebhookResourceTest {

    static final String INVITEE_URI = "https://api.calendly.com/scheduled_events/EVT1AAAA/invitees/INV1AAAA";

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
        byte[] body = CalendlyFixtures.body("invitee.created.json");

        given().contentType(ContentType.JSON)
                .header("Calendly-Webhook-Signature", CalendlyFixtures.signatureHeader(
                        CalendlyFixtures.TEST_SIGNING_KEY, Instant.now(), body))
                .body(body)
                .when().post("/webhooks/calendly")
                .then().statusCode(202);

        ConsumerRecord<String, byte[]> record = published.await(r -> INVITEE_URI.equals(r.key()), Duration.ofSeconds(10));
        JsonNode event = objectMapper.readTree(record.value());
        assertEquals("invitee.created", event.get("event").asText());
        assertEquals("3f2b8c1e-5d4a-4c7b-9e61-2a7d0c9b4f10", event.get("tenantId").asText());
        assertEquals(event.get("deliveryId").asText(), TopicProbe.header(record, EventHeaders.EVENT_ID));
        assertEquals("maria.lopez@example.org", event.at("/payload/email").asText());
    }

    @Test
    void calendlyTestVectorVerifiesAtItsOwnTime() {
        clock.pin(Instant.parse("2026-03-10T14:02:11Z"));

        given().contentType(ContentType.JSON)
                .header("Calendly-Webhook-Signature",
                        "t=1773151331,v1=6c3b475a491fe8db9b04b7a4a54ee9dfef34fab1afbf1a5edad276f9cd602bd9")
                .body(CalendlyFixtures.body("invitee.created.json"))
                .when().post("/webhooks/calendly")
                .then().statusCode(202);
    }

    @Test
    void badSignatureIsUnauthorizedAndNothingIsPublished() {
        byte[] body = CalendlyFixtures.body("invitee.created.json");

        given().contentType(ContentType.JSON)
                .header("Calendly-Webhook-Signature", CalendlyFixtures.signatureHeader(
                        "whsec-not-the-studio-key", Instant.now(), body))
                .body(body)
                .when().post("/webhooks/calendly")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("detail", containsString("signature does not match"));

        assertTrue(published.drain(Duration.ofSeconds(2)).isEmpty(), "a forged delivery must not be published");
    }
}
