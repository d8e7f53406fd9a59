package io.quillspace.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.DevTokens;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.identity.UserIds;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The whole chain a client lives through: book on Calendly, then sign in through the gateway and see the booking. */
@QuarkusTest
class BookedClientApiTest {

    @Inject
    ObjectMapper objectMapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aClientWhoBookedSeesTheBookingWithTheTokenTheGatewayIssuesThem() throws Exception {
        UUID tenant = UUID.randomUUID();
        String email = "Booked.Client-" + UUID.randomUUID() + "@Example.org";
        ObjectNode payload = (ObjectNode) objectMapper.readTree(CalendlyFixtures.body("invitee.created.json")).get("payload");
        payload.put("uri", "https://api.calendly.com/scheduled_events/EVT1AAAA/invitees/" + UUID.randomUUID());
        payload.put("email", email);
        var delivery = new CalendlyDeliveryV1(UUID.randomUUID(), tenant, "invitee.created",
                Instant.parse("2026-03-10T14:02:10.534567Z"), Instant.now(), payload);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CALENDLY_WEBHOOKS, payload.get("uri").asText(),
                    objectMapper.writeValueAsBytes(delivery))).get();
        }
        // The gateway's sub for this client: derived from tenant and e-mail, whatever its capitalisation.
        String token = DevTokens.token(tenant, UserIds.forEmail(tenant, email.toLowerCase()), "user");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .when().get("/consultations")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].startTime", equalTo("2026-03-14T09:00:00Z")));
    }

    @Test
    void aPageBeyondTheLimitIsABadRequestWithProblemDetails() {
        given().auth().oauth2(DevTokens.token(UUID.randomUUID(), UUID.randomUUID(), "admin"))
                .when().get("/consultations?page=10001")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("page"));
    }
}
