package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.infra.DevTokens;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Templates a hostile (or careless) studio admin might write: each is refused by both the preview and the save, with
 * the problem named (a part past the size limit: the limit), and nothing is stored. No preview of any of them, nor of any built-in one, shows a secret of the
 * configuration.
 */
@QuarkusTest
class HostileTemplateTest extends AtFixedTime {

    /** One hostile template: the kind it is written for, its html part, and what the refusal must name. */
    record Hostile(String kind, String html, String named) {

        @Override
        public String toString() {
            return kind + ": " + (html.length() > 80 ? html.substring(0, 80) + "..." : html);
        }
    }

    static Stream<Hostile> hostileTemplates() {
        return Stream.of(
                new Hostile("confirmation", "{meeting.address.or(config:['quarkus.datasource.password'])}",
                        "the namespace 'config:' is not available"),
                new Hostile("confirmation", "{config:quillspace.email.unsubscribe.secret}", "the namespace 'config:'"),
                new Hostile("confirmation", "{inject:vertx.toString()}", "the namespace 'inject:'"),
                new Hostile("confirmation", "{cdi:emailTemplates.builtIn('CONFIRMATION')}", "the namespace 'cdi:'"),
                new Hostile("confirmation", "{str:concat(meeting.inviteeName, 'x')}", "the namespace 'str:'"),
                new Hostile("confirmation", "{msg:hello}", "the namespace 'msg:'"),
                new Hostile("confirmation", "{meeting.getClass().getClassLoader()}", "the method call 'getClass()'"),
                new Hostile("confirmation", "{meeting.inviteeName.repeat(100000000)}", "'repeat(100000000)' is not allowed"),
                new Hostile("confirmation", "{meeting.inviteeName.replace('a', 'b')}", "the method call 'replace("),
                new Hostile("confirmation", "{meeting.toString()}", "the method call 'toString()'"),
                new Hostile("confirmation", "{#for i in 100000000}x{/for}", "loops may only go over the view's own collections"),
                new Hostile("confirmation", "{#for i in 3}{i}{/for}", "not over '3'"),
                new Hostile("confirmation", "{#each meeting.inviteeName}{it}{/each}", "not over 'meeting.inviteeName'"),
                new Hostile("confirmation", "{#include email-templates/confirmation.html /}", "the section {#include}"),
                new Hostile("confirmation", "{#insert body}x{/insert}", "the section {#insert}"),
                new Hostile("confirmation", "{#eval 'x' /}", "the section {#eval}"),
                new Hostile("confirmation", "{#let p=config:quarkus.datasource.password}{p}{/let}", "the section {#let}"),
                new Hostile("confirmation", "{#set p='x'}{p}{/set}", "the section {#set}"),
                new Hostile("confirmation", "{#fragment id=f}x{/fragment}", "the section {#fragment}"),
                new Hostile("confirmation", "{#with meeting}{inviteeName}{/with}", "the section {#with}"),
                new Hostile("confirmation", "{meeting.inviteeName.raw}", "'raw' output is refused"),
                new Hostile("confirmation", "{meeting.inviteeName.safe}", "'safe' output is refused"),
                new Hostile("confirmation", "{meeting.password}", "unknown property 'password'"),
                new Hostile("confirmation", "{meeting}", "'meeting' is not a text value"),
                new Hostile("confirmation", "{project.name}", "unknown variable 'project'"),
                new Hostile("kickoff", nestedLoopsPastTheBound(), "the html part renders past 256 KiB"));
    }

    /** Under 2,000 characters: 4 sample phases nested 7 deep is 16,384 iterations of 20 bytes. */
    static String nestedLoopsPastTheBound() {
        String loops = "{#for a in project.phases}".repeat(7);
        return loops + "x".repeat(20) + "{/for}".repeat(7);
    }

    String admin;

    @BeforeEach
    void signInAsAdmin() {
        admin = DevTokens.token(client.tenant, UUID.randomUUID(), "admin");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTemplates")
    void aHostileTemplateIsRefusedByThePreviewAndTheSaveAndNothingIsStored(Hostile hostile) {
        Map<String, String> body = Map.of("subject", "Hello", "html", hostile.html(), "text", "Hello");
        assertTrue(hostile.html().length() < 100_000);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body)
                .when().post("/email-templates/" + hostile.kind() + "/preview")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://quillspace.io/problems/invalid-template"))
                .body("detail", containsString(hostile.named()))
                .body("errors[0].field", equalTo("html"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body)
                .when().put("/email-templates/" + hostile.kind())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(hostile.named()));

        given().auth().oauth2(admin).when().get("/email-templates/" + hostile.kind())
                .then().statusCode(200).body("overridden", equalTo(false));
    }

    @Test
    void everyProblemOfATemplateIsNamedNotOnlyTheFirst() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "{meeting.inviteeName.repeat(9)}", "html", "{#include x /}{config:a}",
                        "text", "{#for i in 3}{/for}"))
                .when().put("/email-templates/confirmation")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("subject", "html", "html", "text")))
                .body("errors[0].message", containsString("line 1: the method call 'repeat(9)'"))
                .body("errors[1].message", containsString("the section {#include}"))
                .body("errors[2].message", containsString("the namespace 'config:'"))
                .body("errors[3].message", containsString("not over '3'"));
    }

    /** Each part is bounded before it is compiled: the limit is named, and nothing is stored. */
    @Test
    void aTemplateOverTheSizeLimitIsRefusedByThePreviewAndTheSaveNamingTheLimit() {
        Map<String, String> body = Map.of("subject", "Hello", "html", "x".repeat(100_001), "text", "Hello");
        for (String method : List.of("POST", "PUT")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body)
                    .when().request(method, method.equals("POST") ? "/email-templates/confirmation/preview"
                            : "/email-templates/confirmation")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://quillspace.io/problems/invalid-request"))
                    .body("errors.field", equalTo(List.of("html")))
                    .body("errors[0].message", containsString("100000"));
        }
        given().auth().oauth2(admin).when().get("/email-templates/confirmation")
                .then().statusCode(200).body("overridden", equalTo(false));
    }

    @Test
    void noPreviewOfAnyTemplateShowsASecretOfTheConfiguration() {
        // Not secrets: Dev Services defaults (unused here; "quarkus") and credentials-provider settings, which name a key.
        Map<String, String> secrets = StreamSupport.stream(ConfigProvider.getConfig().getPropertyNames().spliterator(), false)
                .filter(name -> name.toLowerCase(Locale.ROOT).contains("password")
                        || name.toLowerCase(Locale.ROOT).contains("secret"))
                .filter(name -> !name.contains("devservices") && !name.contains("credentials-provider"))
                .distinct()
                .flatMap(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class).stream()
                        .filter(value -> !value.isBlank()).map(value -> Map.entry(name, value)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertTrue(secrets.keySet().containsAll(List.of("quarkus.datasource.password", "quarkus.flyway.password",
                "quillspace.email.unsubscribe.secret")), "secret settings found: " + secrets.keySet());

        Stream<String> previews = Stream.concat(
                hostileTemplates().map(hostile -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                        .body(Map.of("subject", "Hello", "html", hostile.html(), "text", hostile.html()))
                        .when().post("/email-templates/" + hostile.kind() + "/preview").then().extract().asString()),
                Arrays.stream(EmailJob.Kind.values()).map(kind -> kind.name().toLowerCase(Locale.ROOT))
                        .map(kind -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                                .when().post("/email-templates/" + kind + "/preview")
                                .then().statusCode(200).extract().asString()));
        previews.forEach(preview -> secrets.forEach((name, secret) -> assertFalse(preview.contains(secret),
                "a preview shows the value of " + name + ": " + preview)));
    }
}
