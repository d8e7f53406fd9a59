package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.DevTokens;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The permission matrix over HTTP, with tokens shaped like the gateway's, each defective in exactly one way. */
@QuarkusTest
class ConsultationResourceTest {

    final UUID tenant = UUID.randomUUID();
    final UUID otherTenant = UUID.randomUUID();
    final UUID client = UUID.randomUUID();
    final UUID otherClient = UUID.randomUUID();
    final UUID admin = UUID.randomUUID();
    UUID clientBooking;
    UUID otherClientBooking;
    UUID otherTenantBooking;

    @BeforeEach
    void seed() {
        TenantData data = TenantData.forRuntimeRole();
        clientBooking = data.booking(tenant, client, Instant.parse("2026-04-01T09:00:00Z"));
        otherClientBooking = data.booking(tenant, otherClient, Instant.parse("2026-04-02T09:00:00Z"));
        otherTenantBooking = data.booking(otherTenant, UUID.randomUUID(), Instant.parse("2026-04-03T09:00:00Z"));
    }

    @Test
    void userSeesOnlyTheirOwnConsultations() {
        given().auth().oauth2(DevTokens.token(tenant, client, "user"))
                .when().get("/consultations")
                .then().statusCode(200)
                .body("items.id", contains(clientBooking.toString()));
    }

    @Test
    void adminSeesEveryConsultationOfTheirTenantOnlyNewestFirst() {
        given().auth().oauth2(DevTokens.token(tenant, admin, "admin"))
                .when().get("/consultations")
                .then().statusCode(200)
                .body("items.id", contains(otherClientBooking.toString(), clientBooking.toString()));
    }

    @Test
    void userReadsTheirOwnConsultation() {
        given().auth().oauth2(DevTokens.token(tenant, client, "user"))
                .when().get("/consultations/{id}", clientBooking)
                .then().statusCode(200)
                .body("userId", equalTo(client.toString()))
                .body("inviteeTimeZone", equalTo("Europe/Madrid"));
    }

    @Test
    void anotherUsersConsultationIsNotFoundForAUser() {
        given().auth().oauth2(DevTokens.token(tenant, client, "user"))
                .when().get("/consultations/{id}", otherClientBooking)
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anotherTenantsConsultationIsNotFoundEvenForAnAdmin() {
        given().auth().oauth2(DevTokens.token(tenant, admin, "admin"))
                .when().get("/consultations/{id}", otherTenantBooking)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void noTokenIsUnauthorized() {
        given().when().get("/consultations").then().statusCode(401);
    }

    @Test
    void expiredTokenIsUnauthorized() {
        Instant past = Instant.now().minusSeconds(3600);
        assertUnauthorized(DevTokens.sign(DevTokens.claims(tenant, client, "user").issuedAt(past.minusSeconds(600))
                .expiresAt(past)));
    }

    @Test
    void tokenFromAnotherIssuerIsUnauthorized() {
        assertUnauthorized(DevTokens.sign(DevTokens.claims(tenant, client, "user").issuer("https://evil.example")));
    }

    @Test
    void tokenForAnotherAudienceIsUnauthorized() {
        assertUnauthorized(DevTokens.sign(DevTokens.claims(tenant, client, "user").audience("some-other-api")));
    }

    @Test
    void tokenSignedWithAnotherKeyIsUnauthorized() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        assertUnauthorized(DevTokens.claims(tenant, client, "user").jws().sign(generator.generateKeyPair().getPrivate()));
    }

    @Test
    void unsignedTokenWithAlgNoneIsUnauthorized() {
        String valid = DevTokens.token(tenant, client, "user");
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertUnauthorized(header + "." + valid.split("\\.")[1] + ".");
    }

    @Test
    void hs256TokenUsingThePublicKeyAsSecretIsUnauthorized() {
        assertUnauthorized(DevTokens.claims(tenant, client, "user").signWithSecret(DevTokens.publicKeyPem()));
    }

    @Test
    void tokenWithoutTenantClaimIsUnauthorized() {
        Instant now = Instant.now();
        assertUnauthorized(DevTokens.sign(Jwt.claims().issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE)
                .subject(client.toString()).claim("role", "user").issuedAt(now).expiresAt(now.plusSeconds(600))));
    }

    @Test
    void hostileTenantClaimIsUnauthorizedAndNeverReachesSql() {
        assertUnauthorized(DevTokens.sign(DevTokens.claims(tenant, client, "user").claim("tenant_id", "' or 1=1 --")));
    }

    @Test
    void validTokenWithARoleOutsideTheMatrixIsForbidden() {
        given().auth().oauth2(DevTokens.token(tenant, client, "guest"))
                .when().get("/consultations")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void theFrontendsOriginMayCallTheApiFromABrowser() {
        given().header("Origin", "https://app.quillspace.io")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization")
                .when().options("/consultations")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://app.quillspace.io"));
    }

    @Test
    void theFrontendMayEditAProposalFromTheVersionItRead() {
        given().header("Origin", "https://app.quillspace.io")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type,If-Match")
                .when().options("/proposals/{id}", UUID.randomUUID())
                .then().statusCode(200)
                .header("Access-Control-Allow-Headers", containsString("If-Match"))
                .header("Access-Control-Expose-Headers", containsString("ETag"));
    }

    @Test
    void anotherOriginIsNotAllowed() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/consultations")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    private static void assertUnauthorized(String token) {
        given().auth().oauth2(token)
                .when().get("/consultations")
                .then().statusCode(401);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
