package io.quillspace.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.CalendlyApiStandIn;
import io.quillspace.infra.testing.ManagementInterface;
import io.quillspace.ingress.service.SubscriptionService;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.quillspace.infra.testing.CalendlyApiStandIn.webhookSubscription;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class SubscriptionTest {

    static final UUID STUDIO = ReconciliationTest.STUDIO;
    static final String CALLBACK = "https://hooks.quillspace.io/webhooks/calendly/studio";
    static final String ELSEWHERE = "https://old-hooks.example.org/calendly";

    @Inject
    ObjectMapper objectMapper;

    @Inject
    SubscriptionService subscriptions;

    @Inject
    Vertx vertx;

    CalendlyApiStandIn calendly = CalendlyApiTestResource.standIn();

    @BeforeEach
    void resetCalendly() {
        calendly.reset();
    }

    @Test
    void aDisabledSubscriptionDropsTheGaugeAndShowsWhenRetriesStartedWithoutTouchingReadiness() throws Exception {
        Instant retrying = Instant.parse("2026-11-30T08:00:00Z");
        serve(List.of(webhookSubscription("SUBOTHER", ReconciliationTest.STUDIO_ORG, ELSEWHERE, true, null),
                webhookSubscription("SUBDOWN", ReconciliationTest.STUDIO_ORG, CALLBACK, false, retrying)));

        OnVertx.await(vertx, subscriptions::checkAll, Duration.ofSeconds(30));

        ManagementInterface.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("calendly_subscription_up{tenant=\"studio\"} 0.0"))
                .body(containsString("calendly_subscription_retry_started_at_seconds{tenant=\"studio\"} "
                        + (double) retrying.getEpochSecond()));
        ManagementInterface.given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Calendly webhook subscriptions' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Calendly webhook subscriptions' }.data.studio", equalTo("disabled"));
    }

    @Test
    void anActiveSubscriptionAtOurCallbackRaisesTheGaugeAndAMissingOneDropsIt() throws Exception {
        serve(List.of(webhookSubscription("SUBUP", ReconciliationTest.STUDIO_ORG, CALLBACK, true, null)));
        OnVertx.await(vertx, subscriptions::checkAll, Duration.ofSeconds(30));
        ManagementInterface.given().get("/q/metrics").then()
                .body(containsString("calendly_subscription_up{tenant=\"studio\"} 1.0"))
                .body(containsString("calendly_subscription_retry_started_at_seconds{tenant=\"studio\"} 0.0"));

        calendly.reset();
        serve(List.of(webhookSubscription("SUBOTHER", ReconciliationTest.STUDIO_ORG, ELSEWHERE, true, null)));
        given().auth().oauth2(admin()).get("/calendly/studio/subscription").then().statusCode(200)
                .body("status", equalTo("MISSING"));
        ManagementInterface.given().get("/q/metrics").then().body(containsString("calendly_subscription_up{tenant=\"studio\"} 0.0"));
    }

    @Test
    void subscribeDeletesTheDisabledSubscriptionAndCreatesOneWithTheNewestConfiguredKey() throws Exception {
        serve(List.of(webhookSubscription("SUBOTHER", ReconciliationTest.STUDIO_ORG, ELSEWHERE, true, null),
                webhookSubscription("SUBDOWN", ReconciliationTest.STUDIO_ORG, CALLBACK, false, Instant.now())));

        given().auth().oauth2(admin()).put("/calendly/studio/subscription").then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("subscription", equalTo("https://api.calendly.com/webhook_subscriptions/SUBNEW"));

        assertEquals(List.of("/webhook_subscriptions/SUBDOWN"),
                calendly.requests(deleteRequestedFor(urlPathMatching("/webhook_subscriptions/.*"))).stream()
                        .map(request -> request.getUrl()).toList(), "only the subscription at our callback URL goes");
        var creates = calendly.requests(postRequestedFor(urlPathEqualTo("/webhook_subscriptions")));
        assertEquals(1, creates.size());
        JsonNode created = objectMapper.readTree(creates.get(0).getBodyAsString());
        assertEquals(CALLBACK, created.path("url").asText());
        assertEquals("whsec-quillspace-next-key-2026", created.path("signing_key").asText());
        assertEquals(ReconciliationTest.STUDIO_ORG, created.path("organization").asText());
        assertEquals("organization", created.path("scope").asText());
        assertEquals("[\"invitee.canceled\",\"invitee.created\",\"invitee_no_show.created\",\"invitee_no_show.deleted\"]",
                created.path("events").toString());
        assertEquals("Bearer calendly-token-studio", creates.get(0).getHeader("Authorization"));
        ManagementInterface.given().get("/q/metrics").then().body(containsString("calendly_subscription_up{tenant=\"studio\"} 1.0"));
    }

    @Test
    void subscribeIsForTheStudiosAdminsOnly() {
        given().put("/calendly/studio/subscription").then().statusCode(401);
        given().auth().oauth2(DevTokens.token(STUDIO, UUID.randomUUID(), "user"))
                .put("/calendly/studio/subscription").then().statusCode(403);
        given().auth().oauth2(DevTokens.token(UUID.fromString("9b1c0e4a-7f3d-4e2b-8a65-1d2c3b4a5f60"), UUID.randomUUID(),
                "admin")).put("/calendly/studio/subscription").then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(0, calendly.requestCount());
    }

    private void serve(List<com.fasterxml.jackson.databind.node.ObjectNode> existing) {
        calendly.serveSubscriptions("calendly-token-studio", ReconciliationTest.STUDIO_ORG, existing,
                webhookSubscription("SUBNEW", ReconciliationTest.STUDIO_ORG, CALLBACK, true, null));
    }

    private static String admin() {
        return DevTokens.token(STUDIO, UUID.randomUUID(), "admin");
    }
}
