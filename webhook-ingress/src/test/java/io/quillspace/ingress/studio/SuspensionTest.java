package io.quillspace.ingress.studio;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.testing.ManagementInterface;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.ingress.entity.Studio;
import io.quillspace.shared.events.Topics;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A suspended studio's webhooks are answered 2xx and counted, never published; a resumed studio's are published again. */
@QuarkusTest
class SuspensionTest {

    static final UUID NORTH = UUID.fromString("9b1c0e4a-7f3d-4e2b-8a65-1d2c3b4a5f60");
    static final UUID GONE = UUID.fromString("5e7d9c2b-3a1f-4b6e-9d08-7c6b5a4f3e21");
    static final String INVITEE_URI = "https://api.calendly.com/scheduled_events/EVT1AAAA/invitees/INV1AAAA";
    static final String SUSPENDED_SERIES =
            "calendly_webhooks_total{event=\"invitee.created\",outcome=\"suspended\",tenant=\"north\"}";

    @Inject
    StudioStatuses statuses;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    TopicProbe published;

    @BeforeEach
    void openProbe() {
        published = TopicProbe.atEnd(bootstrapServers, Topics.CALENDLY_WEBHOOKS);
    }

    @AfterEach
    void resumeNorthAndCloseProbe() {
        StudioRegistryTest.operator().delete("/studios/" + NORTH + "/suspension").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.of(NORTH) == Studio.Status.ACTIVE);
        published.close();
    }

    @Test
    void aSuspendedStudiosDeliveriesAreAnsweredAndCountedButNotPublishedUntilItIsResumed() {
        StudioRegistryTest.operator().post("/studios/" + NORTH + "/suspension").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.of(NORTH) == Studio.Status.SUSPENDED);
        double before = ManagementInterface.metric(SUSPENDED_SERIES).orElse(0);

        deliver("north", "whsec-north-studio-key").statusCode(202);

        assertEquals(before + 1, ManagementInterface.metric(SUSPENDED_SERIES).orElse(0));
        assertTrue(published.drain(Duration.ofSeconds(2)).stream().noneMatch(r -> INVITEE_URI.equals(r.key())),
                "a suspended studio's delivery must not be published");

        StudioRegistryTest.operator().delete("/studios/" + NORTH + "/suspension").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.of(NORTH) == Studio.Status.ACTIVE);
        deliver("north", "whsec-north-studio-key").statusCode(202);
        published.await(r -> INVITEE_URI.equals(r.key()), Duration.ofSeconds(10));
    }

    @Test
    void aSuspendedStudiosDeliveryMustStillBeSigned() {
        StudioRegistryTest.operator().post("/studios/" + NORTH + "/suspension").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.of(NORTH) == Studio.Status.SUSPENDED);

        deliver("north", CalendlyFixtures.TEST_SIGNING_KEY).statusCode(401);
    }

    @Test
    void aDeletedStudiosDeliveriesAreNotFoundAsAnUnknownStudiosAre() {
        StudioRegistryTest.operator().delete("/studios/" + GONE).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.of(GONE) == Studio.Status.DELETED);

        deliver("gone", "whsec-gone-studio-key").statusCode(404).contentType(startsWith("application/problem+json"));
        assertTrue(published.drain(Duration.ofSeconds(2)).isEmpty(), "a deleted studio's delivery must not be published");
    }

    private static ValidatableResponse deliver(String studio, String key) {
        byte[] body = CalendlyFixtures.body("invitee.created.json");
        return given().contentType(ContentType.JSON)
                .header("Calendly-Webhook-Signature", CalendlyFixtures.signatureHeader(key, Instant.now(), body))
                .body(body)
                .when().post("/webhooks/calendly/" + studio)
                .then();
    }
}
