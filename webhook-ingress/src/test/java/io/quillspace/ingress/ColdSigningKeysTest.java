package io.quillspace.ingress;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quillspace.infra.CalendlyFixtures;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@TestProfile(DatabaseDownAtStart.class)
class ColdSigningKeysTest {

    @AfterEach
    void databaseBack() {
        DatabaseDownAtStart.proxy.refuseConnections(false);
    }

    @Test
    void withTheDatabaseDownSinceStartUpADeliveryIs503SoCalendlyRetriesAndIsAcceptedOnceTheKeysLoad() {
        byte[] body = CalendlyFixtures.body("invitee.created.json");

        deliver(body).statusCode(503).contentType(startsWith("application/problem+json")).header("Retry-After", "5")
                .body("type", equalTo("https://quillspace.io/problems/webhook-unavailable"));

        DatabaseDownAtStart.proxy.refuseConnections(false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> deliver(body).statusCode(202));
    }

    private static ValidatableResponse deliver(byte[] body) {
        return given().contentType(ContentType.JSON)
                .header("Calendly-Webhook-Signature",
                        CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY, Instant.now(), body))
                .body(body).post("/webhooks/calendly").then();
    }
}
