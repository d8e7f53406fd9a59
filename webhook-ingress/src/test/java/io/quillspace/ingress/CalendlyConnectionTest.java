package io.quillspace.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.CalendlyApiStandIn;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.ingress.connection.KeyEncryption;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.quillspace.infra.testing.CalendlyApiStandIn.API;
import static io.quillspace.infra.testing.CalendlyApiStandIn.newUuid;
import static io.quillspace.infra.testing.CalendlyApiStandIn.webhookSubscription;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CalendlyConnectionTest {

    static final String CALLBACK_BASE = "https://hooks.quillspace.io/webhooks/calendly/";
    static final Map<String, Object> PROFILE = Map.of("name", "Margin Notes", "timeZone", "Europe/Lisbon");

    @Inject
    ObjectMapper objectMapper;

    @Inject
    SettableClock clock;

    @ConfigProperty(name = "quillspace.ingress.kek.keys.test1")
    String oldKek;

    @ConfigProperty(name = "quillspace.ingress.kek.keys.test2")
    String currentKek;

    CalendlyApiStandIn calendly = CalendlyApiTestResource.standIn();

    /** One studio of the test, with its own Calendly user, organization and token. */
    record Onboarded(UUID id, String token, String user, String organization) {
        String callback() {
            return CALLBACK_BASE + id;
        }
    }

    @BeforeEach
    void resetCalendly() {
        calendly.reset();
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void anAdminConnectsItsStudioAndDeliveriesSignedWithTheNewKeyAreAcceptedAndOthersRefused() throws Exception {
        Onboarded studio = newStudio("admin");

        admin(studio.id()).body(Map.of("token", studio.token())).put("/studios/" + studio.id() + "/calendly")
                .then().statusCode(200)
                .body("organization", equalTo(studio.organization()))
                .body("user", equalTo(studio.user()))
                .body("subscription", equalTo(API + "/webhook_subscriptions/SUB" + studio.id().toString().substring(0, 8)))
                .body("signingKeyGeneration", equalTo(1));

        JsonNode created = subscriptionCreated(studio, 0);
        assertEquals(studio.organization(), created.path("organization").asText());
        assertEquals("organization", created.path("scope").asText());
        assertEquals("[\"invitee.canceled\",\"invitee.created\",\"invitee_no_show.created\",\"invitee_no_show.deleted\"]",
                created.path("events").toString());
        String key = created.path("signing_key").asText();
        assertEquals(43, key.length(), "32 random bytes, URL-safe base64");

        byte[] body = CalendlyFixtures.body("invitee.created.json");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> deliver(studio, key, Instant.now(), body).statusCode(202));
        deliver(studio, "whsec-quillspace-test-key-2026", Instant.now(), body).statusCode(401)
                .contentType(startsWith("application/problem+json"));

        // At rest the token and the key are ciphertexts under the current KEK, and neither appears in them.
        Map<String, Object> row = DatabaseProbe.asRuntimeRole().queryAs(studio.id(), null, "service",
                "select c.token, c.token_kek, k.signing_key, k.signing_key_kek from calendly_connections c"
                        + " join signing_keys k using (tenant_id) where tenant_id = ?", studio.id()).get(0);
        assertEquals("test2", row.get("token_kek"));
        assertEquals("test2", row.get("signing_key_kek"));
        assertFalse(new String((byte[]) row.get("token")).contains(studio.token()));
        assertFalse(new String((byte[]) row.get("signing_key")).contains(key));
    }

    @Test
    void reconnectingDeletesTheSubscriptionAtTheCallbackAndCreatesOneWithANewKey() throws Exception {
        Onboarded studio = newStudio("owner");
        connect(studio);
        calendly.reset();
        serve(studio, "owner", List.of(webhookSubscription("OLDSUB", studio.organization(), studio.callback(), true, null),
                webhookSubscription("ELSEWHERE", studio.organization(), "https://other.example/hooks", true, null)));

        connect(studio).body("signingKeyGeneration", equalTo(2));

        assertEquals(List.of("/webhook_subscriptions/OLDSUB"),
                calendly.requests(deleteRequestedFor(urlPathMatching("/webhook_subscriptions/.*"))).stream()
                        .map(request -> request.getUrl()).toList());
        assertEquals(1, calendly.requests(postRequestedFor(urlPathEqualTo("/webhook_subscriptions"))).size());
    }

    @Test
    void afterARotationBothKeysAreAcceptedDuringTheOverlapAndOnlyTheNewOneAfterIt() throws Exception {
        Onboarded studio = newStudio("admin");
        connect(studio);
        String oldKey = subscriptionCreated(studio, 0).path("signing_key").asText();

        Instant rotatedAt = Instant.now();
        String acceptedUntil = admin(studio.id()).post("/studios/" + studio.id() + "/calendly/signing-key-rotations")
                .then().statusCode(201).body("signingKeyGeneration", equalTo(2))
                .extract().path("previousKeysAcceptedUntil");
        Duration overlap = Duration.between(rotatedAt, Instant.parse(acceptedUntil));
        assertTrue(overlap.compareTo(Duration.ofHours(24)) >= 0 && overlap.compareTo(Duration.ofHours(24).plusMinutes(1)) < 0,
                overlap.toString());
        String newKey = subscriptionCreated(studio, 1).path("signing_key").asText();
        assertNotEquals(oldKey, newKey);

        byte[] body = CalendlyFixtures.body("invitee.canceled.json");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> deliver(studio, newKey, Instant.now(), body).statusCode(202));
        deliver(studio, oldKey, Instant.now(), body).statusCode(202);

        Instant afterOverlap = rotatedAt.plus(Duration.ofHours(24)).plusSeconds(60);
        clock.pin(afterOverlap);
        deliver(studio, oldKey, afterOverlap, body).statusCode(401);
        deliver(studio, newKey, afterOverlap, body).statusCode(202);

        // The studio's history has both changes, by its admin, after the operator's creation.
        List<Map<String, Object>> history = DatabaseProbe.asRuntimeRole().queryAs(studio.id(), null, "service",
                "select change, actor_role from studio_history order by id");
        assertEquals(List.of("CALENDLY_CONNECTED", "SIGNING_KEY_ROTATED"), history.stream().skip(history.size() - 2)
                .map(row -> row.get("change")).toList(), history.toString());
        assertEquals(List.of("admin", "admin"), history.stream().skip(history.size() - 2)
                .map(row -> row.get("actor_role")).toList(), history.toString());
    }

    @Test
    void aTokenCalendlyRefusesAUserWhoIsNoAdminAndCalendlyDownAreProblemsAndStoreNothing() {
        Onboarded refused = newStudio("admin");
        calendly.refuseToken(refused.token());
        connectAttempt(refused).statusCode(422).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://quillspace.io/problems/calendly-token-invalid"));
        admin(refused.id()).body(Map.of("token", "two words")).put("/studios/" + refused.id() + "/calendly")
                .then().statusCode(422);
        admin(refused.id()).body(Map.of()).put("/studios/" + refused.id() + "/calendly").then().statusCode(422);

        Onboarded member = newStudio("user");
        connectAttempt(member).statusCode(403).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://quillspace.io/problems/calendly-role-insufficient"))
                .body("detail", equalTo("the token's Calendly user is a user; organization webhook subscriptions need"
                        + " an admin or owner"));

        Onboarded down = newStudio("admin");
        calendly.fail("/users/me", 503);
        connectAttempt(down).statusCode(502).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://quillspace.io/problems/calendly-unavailable"));

        for (Onboarded studio : List.of(refused, member, down)) {
            admin(studio.id()).post("/studios/" + studio.id() + "/calendly/signing-key-rotations").then().statusCode(409)
                    .body("type", equalTo("https://quillspace.io/problems/calendly-not-connected"));
        }
        assertEquals(0, calendly.requests(postRequestedFor(urlPathEqualTo("/webhook_subscriptions"))).size());
    }

    @Test
    void onlyTheStudiosOwnAdminConnectsOrRotatesIt() {
        Onboarded studio = newStudio("admin");
        UUID other = UUID.fromString(create());
        String path = "/studios/" + studio.id() + "/calendly";

        admin(other).body(Map.of("token", studio.token())).put(path).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        admin(other).post(path + "/signing-key-rotations").then().statusCode(404);
        json(DevTokens.token(studio.id(), UUID.randomUUID(), "user")).body(Map.of("token", studio.token())).put(path)
                .then().statusCode(403);
        json(DevTokens.operatorToken(UUID.randomUUID())).body(Map.of("token", studio.token())).put(path)
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("token", studio.token())).put(path).then().statusCode(401);
        assertEquals(0, calendly.requestCount());
    }

    @Test
    void aKekRotationSealsEveryStoredValueAgainUnderTheCurrentKekSoTheOldOneCanGo() throws Exception {
        Onboarded studio = newStudio("admin");
        connect(studio);
        String key = subscriptionCreated(studio, 0).path("signing_key").asText();
        // As if sealed before the rotation began: under KEK test1, now no longer current.
        KeyEncryption before = new KeyEncryption(Map.of("test1", oldKek), "test1", new SecureRandom());
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        KeyEncryption.Sealed token = before.sealText(studio.id(), KeyEncryption.TOKEN, studio.token());
        KeyEncryption.Sealed signingKey = before.sealText(studio.id(), KeyEncryption.signingKeyPurpose(1), key);
        runtime.updateAs(studio.id().toString(), null, "service",
                "update calendly_connections set token = ?, token_kek = ? where tenant_id = ?",
                token.ciphertext(), token.kekId(), studio.id());
        runtime.updateAs(studio.id().toString(), null, "service",
                "update signing_keys set signing_key = ?, signing_key_kek = ? where tenant_id = ?",
                signingKey.ciphertext(), signingKey.kekId(), studio.id());
        byte[] body = CalendlyFixtures.body("invitee.created.json");
        deliver(studio, key, Instant.now(), body).statusCode(202);

        json(DevTokens.operatorToken(UUID.randomUUID())).post("/key-encryption/reseals").then().statusCode(200)
                .body("kek", equalTo("test2"));
        admin(studio.id()).post("/key-encryption/reseals").then().statusCode(403);

        KeyEncryption withoutOld = new KeyEncryption(Map.of("test2", currentKek), "test2", new SecureRandom());
        assertEquals(List.of(), everyStudio("select tenant_id from calendly_connections where token_kek <> 'test2'"
                + " union all select tenant_id from signing_keys where signing_key_kek <> 'test2'"));
        List<Map<String, Object>> tokens = everyStudio("select tenant_id, token, token_kek from calendly_connections");
        List<Map<String, Object>> keys = everyStudio("select tenant_id, generation, signing_key, signing_key_kek from signing_keys");
        assertTrue(tokens.stream().anyMatch(row -> studio.id().equals(row.get("tenant_id"))));
        assertTrue(keys.size() >= tokens.size(), keys.size() + " keys, " + tokens.size() + " tokens");
        for (Map<String, Object> row : tokens) {
            withoutOld.open((UUID) row.get("tenant_id"), KeyEncryption.TOKEN,
                    new KeyEncryption.Sealed((String) row.get("token_kek"), (byte[]) row.get("token")));
        }
        for (Map<String, Object> row : keys) {
            withoutOld.open((UUID) row.get("tenant_id"), KeyEncryption.signingKeyPurpose((Integer) row.get("generation")),
                    new KeyEncryption.Sealed((String) row.get("signing_key_kek"), (byte[]) row.get("signing_key")));
        }
        assertEquals(studio.token(), withoutOld.openText(studio.id(), KeyEncryption.TOKEN, new KeyEncryption.Sealed("test2",
                (byte[]) everyStudio("select token from calendly_connections where tenant_id = ?", studio.id()).get(0)
                        .get("token"))));
        deliver(studio, key, Instant.now(), body).statusCode(202);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** As the runtime role bound to the platform role: every studio's rows (the owner obeys the forced policies too). */
    private static List<Map<String, Object>> everyStudio(String sql, Object... parameters) {
        return DatabaseProbe.asRuntimeRole().queryAs(UUID.randomUUID(), null, "platform", sql, parameters);
    }

    /** A new studio of the registry whose Calendly user has {@code role}, served by the stand-in. */
    private Onboarded newStudio(String role) {
        UUID id = UUID.fromString(create());
        Onboarded studio = new Onboarded(id, "pat-" + newUuid(), API + "/users/U" + newUuid(),
                API + "/organizations/O" + newUuid());
        serve(studio, role, List.of());
        return studio;
    }

    private void serve(Onboarded studio, String role, List<com.fasterxml.jackson.databind.node.ObjectNode> existing) {
        calendly.serveUser(studio.token(), studio.user(), studio.organization(), role);
        calendly.serveSubscriptions(studio.token(), studio.organization(), existing, webhookSubscription(
                "SUB" + studio.id().toString().substring(0, 8), studio.organization(), studio.callback(), true, null));
    }

    private io.restassured.response.ValidatableResponse connect(Onboarded studio) {
        return connectAttempt(studio).statusCode(200);
    }

    private io.restassured.response.ValidatableResponse connectAttempt(Onboarded studio) {
        return admin(studio.id()).body(Map.of("token", studio.token())).put("/studios/" + studio.id() + "/calendly").then();
    }

    /** The {@code index}th subscription created for the studio's callback URL, as Calendly received it. */
    private JsonNode subscriptionCreated(Onboarded studio, int index) throws Exception {
        List<JsonNode> created = calendly.requests(postRequestedFor(urlPathEqualTo("/webhook_subscriptions"))).stream()
                .map(request -> read(request.getBodyAsString()))
                .filter(subscription -> studio.callback().equals(subscription.path("url").asText()))
                .toList();
        return created.get(index);
    }

    private JsonNode read(String json) {
        try {
            return objectMapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.response.ValidatableResponse deliver(Onboarded studio, String key, Instant signedAt,
                                                                      byte[] body) {
        return given().contentType(ContentType.JSON)
                .header("Calendly-Webhook-Signature", CalendlyFixtures.signatureHeader(key, signedAt, body))
                .body(body).post("/webhooks/calendly/" + studio.id()).then();
    }

    private static String create() {
        return json(DevTokens.operatorToken(UUID.randomUUID())).body(PROFILE).post("/studios").then().statusCode(201)
                .extract().path("id");
    }

    private static RequestSpecification admin(UUID studio) {
        return json(DevTokens.token(studio, UUID.randomUUID(), "admin"));
    }

    private static RequestSpecification json(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
