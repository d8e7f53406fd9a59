package io.quillspace.ingress.studio;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.StudioEventV1;
import io.quillspace.shared.events.Topics;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class StudioRegistryTest {

    static final String CONFIGURED_STUDIO = "3f2b8c1e-5d4a-4c7b-9e61-2a7d0c9b4f10";
    static final Map<String, Object> PROFILE = Map.of("name", "Ink & Quill", "timeZone", "Europe/Lisbon",
            "senderDisplayName", "Ink & Quill Editors", "replyTo", "hello@inkquill.example",
            "logoUrl", "https://cdn.inkquill.example/logo.png", "website", "https://inkquill.example");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    TopicProbe events;

    @BeforeEach
    void openProbe() {
        events = TopicProbe.atEnd(bootstrapServers, Topics.STUDIO_EVENTS);
    }

    @AfterEach
    void closeProbe() {
        events.close();
    }

    @Test
    void anOperatorCreatesReadsListsSuspendsResumesAndDeletesAStudioAndEachChangeIsPublishedInOrder() {
        String id = create(PROFILE);
        operator().get("/studios/" + id).then().statusCode(200)
                .body("name", equalTo("Ink & Quill")).body("status", equalTo("active")).body("version", equalTo(1));
        operator().get("/studios?size=100").then().statusCode(200).body("items.id", hasItem(id));

        operator().post("/studios/" + id + "/suspension").then().statusCode(200).body("status", equalTo("suspended"));
        operator().post("/studios/" + id + "/suspension").then().statusCode(200).body("version", equalTo(2));
        operator().delete("/studios/" + id + "/suspension").then().statusCode(200).body("status", equalTo("active"));
        operator().delete("/studios/" + id).then().statusCode(204);

        operator().get("/studios/" + id).then().statusCode(404).contentType(startsWith("application/problem+json"));
        operator().delete("/studios/" + id).then().statusCode(404);
        operator().post("/studios/" + id + "/suspension").then().statusCode(404);
        operator().get("/studios?size=100").then().statusCode(200).body("items.id", not(hasItem(id)));

        List<StudioEventV1> published = eventsOf(id, 4);
        assertInstanceOf(StudioEventV1.Created.class, published.get(0));
        assertInstanceOf(StudioEventV1.Suspended.class, published.get(1));
        assertInstanceOf(StudioEventV1.Resumed.class, published.get(2));
        assertInstanceOf(StudioEventV1.Deleted.class, published.get(3));
        assertEquals(List.of(1L, 2L, 3L, 4L), published.stream().map(StudioEventV1::sequence).toList());
        assertEquals(new StudioEventV1.Profile("Ink & Quill", "Europe/Lisbon", "Ink & Quill Editors",
                "hello@inkquill.example", "https://cdn.inkquill.example/logo.png", "https://inkquill.example"),
                published.get(0).profile());
        assertEquals("deleted", published.get(3).status());
    }

    @Test
    void aStudiosAdminReadsAndRewritesItsOwnProfileAndTheChangeIsPublished() {
        String id = create(PROFILE);
        RequestSpecification admin = admin(UUID.fromString(id));

        admin.get("/studios/" + id + "/profile").then().statusCode(200).body("timeZone", equalTo("Europe/Lisbon"));
        admin(UUID.fromString(id)).body(Map.of("name", "Ink and Quill", "timeZone", "America/New_York"))
                .put("/studios/" + id + "/profile").then().statusCode(200)
                .body("name", equalTo("Ink and Quill")).body("replyTo", equalTo(null)).body("version", equalTo(2));

        StudioEventV1 updated = eventsOf(id, 2).get(1);
        assertInstanceOf(StudioEventV1.Updated.class, updated);
        assertEquals(new StudioEventV1.Profile("Ink and Quill", "America/New_York", null, null, null, null),
                updated.profile());
    }

    @Test
    void aProfileBreakingTheRulesIsA400ListingEveryOffendingFieldAndNothingChanges() {
        String id = create(PROFILE);
        Map<String, Object> bad = Map.of("name", "", "timeZone", "Mars/Olympus", "senderDisplayName", "A\nBcc: x@y.example",
                "replyTo", "nobody", "logoUrl", "http://cdn.example/logo.png", "website", "https://");

        admin(UUID.fromString(id)).body(bad).put("/studios/" + id + "/profile").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://quillspace.io/problems/invalid-request"))
                .body("errors.field", containsInAnyOrder("name", "timeZone", "senderDisplayName", "replyTo", "logoUrl",
                        "website"));
        operator().body(bad).post("/studios").then().statusCode(400).body("errors.size()", equalTo(6));
        operator().get("/studios/" + id).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void anAdminCannotTouchAnotherStudioNorItsRegistryAndAUserNeitherItsOwn() {
        String id = create(PROFILE);
        String other = create(PROFILE);
        UUID tenant = UUID.fromString(id);

        admin(tenant).get("/studios/" + other + "/profile").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        admin(tenant).body(PROFILE).put("/studios/" + other + "/profile").then().statusCode(404);
        given().auth().oauth2(DevTokens.token(tenant, UUID.randomUUID(), "user")).get("/studios/" + id + "/profile")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        for (RequestSpecification studioCaller : List.of(admin(tenant), admin(UUID.fromString(other)))) {
            studioCaller.post("/studios/" + id + "/suspension").then().statusCode(403);
        }
        admin(tenant).get("/studios").then().statusCode(403);
        admin(tenant).delete("/studios/" + id).then().statusCode(403);
        admin(tenant).body(PROFILE).post("/studios").then().statusCode(403);
        operator().get("/studios/" + other).then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void theOperatorIsBoundToNoStudioItsRoleAloneIsNotEnoughAndAStudioTokenStillNeedsItsTenant() {
        String id = create(PROFILE);
        UUID operator = UUID.randomUUID();

        // The operator reaches no studio's own endpoints: not the profile, not the Calendly operations.
        operator().get("/studios/" + id + "/profile").then().statusCode(403);
        operator().get("/calendly/studio/subscription").then().statusCode(403);
        // The operator's role on a gateway token, or with a tenant, is not the operator.
        json(DevTokens.sign(DevTokens.operatorClaims(operator).audience(DevTokens.AUDIENCE))).get("/studios")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        json(DevTokens.sign(DevTokens.operatorClaims(operator).claim("tenant_id", id))).get("/studios")
                .then().statusCode(403);
        // Another audience than the two is no token of ours; a studio token without its tenant is refused as before.
        json(DevTokens.sign(DevTokens.operatorClaims(operator).audience("someone-else"))).get("/studios")
                .then().statusCode(401);
        json(DevTokens.sign(DevTokens.claims(UUID.fromString(id), UUID.randomUUID(), "admin").remove("tenant_id")))
                .get("/studios/" + id + "/profile").then().statusCode(401);
        given().get("/studios").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void theConfiguredStudiosAreSeededIntoTheRegistry() {
        operator().get("/studios/" + CONFIGURED_STUDIO).then().statusCode(200)
                .body("name", equalTo("studio")).body("timeZone", equalTo("UTC"));
    }

    @Test
    void aPageOfStudiosLinksTheNextAndRefusesAnUnboundedSize() {
        create(PROFILE);
        create(PROFILE);
        operator().get("/studios?size=1").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("size", equalTo(1)).body("next", containsString("page=1"));
        operator().get("/studios?size=1000").then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    private List<StudioEventV1> eventsOf(String studio, int count) {
        return IntStream.range(0, count)
                .mapToObj(ignored -> StudioEventV1.decode(events.await(record -> studio.equals(record.key()),
                        Duration.ofSeconds(20)).value()))
                .toList();
    }

    private static String create(Map<String, Object> profile) {
        var created = operator().body(profile).post("/studios").then().statusCode(201).extract();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/studios/" + id), created.header("Location"));
        return id;
    }

    static RequestSpecification operator() {
        return json(DevTokens.operatorToken(UUID.randomUUID()));
    }

    static RequestSpecification admin(UUID studio) {
        return json(DevTokens.token(studio, UUID.randomUUID(), "admin"));
    }

    private static RequestSpecification json(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }
}
