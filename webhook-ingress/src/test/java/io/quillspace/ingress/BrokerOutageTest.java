package io.quillspace.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.KafkaBroker;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import io.restassured.http.ContentType;
import io.quillspace.infra.testing.ManagementInterface;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class BrokerOutageTest {

    static final String CANCELED_INVITEE = "https://api.calendly.com/scheduled_events/EVT1AAAA/invitees/INV1AAAA";

    @Inject
    ObjectMapper objectMapper;

    @Test
    void whileTheBrokerIsDownDeliveriesGet503AndTheRetryAfterItReturnsIsPublished() throws Exception {
        KafkaBroker broker = Infrastructure.shared().kafka();
        byte[] body = CalendlyFixtures.body("invitee.canceled.json");
        try (TopicProbe published = TopicProbe.atEnd(broker.bootstrapServers(), Topics.CALENDLY_WEBHOOKS)) {
            broker.stop();
            try {
                deliver(body).statusCode(503)
                        .header("Retry-After", equalTo("5"))
                        .contentType("application/problem+json")
                        .body("detail", containsString("retry later"));
                // Liveness must not depend on the broker, or an outage would restart every pod.
                ManagementInterface.given().when().get("/q/health/live").then().statusCode(200);
            } finally {
                broker.restart();
            }

            // Calendly retries a non-2xx delivery with backoff; once the producer has reconnected a retry is accepted
            // and the event reaches the topic.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> deliver(body).extract().statusCode() == 202);
            var record = published.await(r -> CANCELED_INVITEE.equals(r.key()), Duration.ofSeconds(30));
            assertEquals("invitee.canceled", objectMapper.readTree(record.value()).get("event").asText());
            // The attempt answered 503 may still reach the topic once the broker is back: as the same delivery.
            var deliveryIds = published.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> CANCELED_INVITEE.equals(r.key()))
                    .map(r -> TopicProbe.header(r, EventHeaders.EVENT_ID))
                    .distinct().toList();
            assertEquals(1, deliveryIds.size(), "every copy carries one delivery id: " + deliveryIds);
        }
    }

    private static io.restassured.response.ValidatableResponse deliver(byte[] body) {
        return given().contentType(ContentType.JSON)
                .header("Calendly-Webhook-Signature",
                        CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY, Instant.now(), body))
                .body(body)
                .when().post("/webhooks/calendly")
                .then();
    }
}
