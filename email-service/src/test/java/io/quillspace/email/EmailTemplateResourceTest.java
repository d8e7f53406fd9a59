package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.DatabaseProbe;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A studio edits the wording of its emails; what it saves is checked, and its next email uses it. */
@QuarkusTest
class EmailTemplateResourceTest extends AtFixedTime {

    final UUID adminId = UUID.randomUUID();
    String admin;

    @BeforeEach
    void signInAsAdmin() {
        admin = DevTokens.token(client.tenant, adminId, "admin");
    }

    @Test
    void everyKindIsListedWithTheBuiltInTemplateUntilTheStudioWritesItsOwn() {
        given().auth().oauth2(admin).when().get("/email-templates")
                .then().statusCode(200)
                .body("$", hasSize(10))
                .body("find { it.kind == 'confirmation' }.overridden", equalTo(false))
                .body("find { it.kind == 'follow_up' }.transactional", equalTo(false));
    }

    @Test
    void aStudiosOwnTemplateIsUsedForItsNextEmailAndRemovingItRestoresTheBuiltInOne() {
        // The built-in template is compiled and cached by a first email.
        client.send(client.created(UUID.randomUUID(), Instant.parse("2030-06-06T12:00:00Z")));
        client.awaitMessage("Your consultation is confirmed");

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "See you {meeting.day}!", "html", "<p>Hello {meeting.inviteeName}</p>",
                        "text", "Hello {meeting.inviteeName}"))
                .when().put("/email-templates/confirmation")
                .then().statusCode(200)
                .body("overridden", equalTo(true));
        client.send(client.created(UUID.randomUUID(), Instant.parse("2030-06-07T12:00:00Z")));
        client.awaitMessage("See you Friday 7 June 2030!");

        given().auth().oauth2(admin).when().delete("/email-templates/confirmation").then().statusCode(204);
        given().auth().oauth2(admin).when().delete("/email-templates/confirmation").then().statusCode(404);
        given().auth().oauth2(admin).when().get("/email-templates/confirmation")
                .then().statusCode(200).body("overridden", equalTo(false));
    }

    @Test
    void theDetailViewShowsEveryEditAndRemovalWithItsAuthorAndThePreviousVersion() {
        UUID editor = UUID.randomUUID();
        String asEditor = DevTokens.token(client.tenant, editor, "admin");
        for (String subject : new String[] {"First {meeting.day}", "Second {meeting.day}"}) {
            given().auth().oauth2(asEditor).contentType(ContentType.JSON)
                    .body(Map.of("subject", subject, "html", "<p>" + subject + "</p>", "text", subject))
                    .when().put("/email-templates/reminder_1h").then().statusCode(200);
        }
        given().auth().oauth2(admin).when().delete("/email-templates/reminder_1h").then().statusCode(204);

        given().auth().oauth2(admin).when().get("/email-templates/reminder_1h")
                .then().statusCode(200)
                .body("overridden", equalTo(false))
                .body("history.change", contains("CREATED", "UPDATED", "DELETED"))
                .body("history.changedBy", contains(editor.toString(), editor.toString(), adminId.toString()))
                .body("history.previousSubject", contains(null, "First {meeting.day}", "Second {meeting.day}"))
                .body("history[2].previousHtml", equalTo("<p>Second {meeting.day}</p>"))
                .body("history[2].changedAt", notNullValue());
    }

    @Test
    void theRuntimeRoleCannotChangeOrDeleteTemplateOrJobHistory() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "Hi {meeting.day}", "html", "<p>Hi</p>", "text", "Hi"))
                .when().put("/email-templates/reminder_1h").then().statusCode(200);
        client.send(client.created(UUID.randomUUID(), Instant.parse("2030-06-06T12:00:00Z")));
        client.awaitMessage("Your consultation is confirmed");

        for (String sql : List.of("update email_template_history set change = 'DELETED'",
                "delete from email_template_history", "update email_job_history set event = 'SENT'",
                "delete from email_job_history")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DatabaseProbe.asRuntimeRole()
                    .updateAs(client.tenant.toString(), "", "service", sql));
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        }
    }

    @Test
    void aChangeMadeByAnotherReplicaReachesThisOnesCache() {
        client.send(client.created(UUID.randomUUID(), Instant.parse("2030-06-06T12:00:00Z")));
        client.awaitMessage("Your consultation is confirmed");

        // Written straight to the database, as another replica would: only its notification can evict our cache.
        DatabaseProbe.asRuntimeRole().updateAs(client.tenant.toString(), "", "service", """
                insert into email_templates (tenant_id, kind, subject, html, text)
                values (?, 'CONFIRMATION', 'Booked elsewhere: {meeting.day}', '<p>x</p>', 'x')""", client.tenant);
        client.send(client.created(UUID.randomUUID(), Instant.parse("2030-06-07T12:00:00Z")));

        client.awaitMessage("Booked elsewhere: Friday 7 June 2030");
    }

    @Test
    void aTemplateThatDoesNotCompileIsRefusedNamingThePart() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "Hi", "html", "<p>{#if meeting.day}unclosed</p>", "text", "Hi"))
                .when().put("/email-templates/reminder_24h")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://quillspace.io/problems/invalid-template"))
                .body("detail", containsString("html: does not compile"));
    }

    @Test
    void aTemplateUsingAnUnknownVariableIsRefusedNamingIt() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "Hi {meeting.shoeSize}", "html", "<p>{config:quarkus.datasource.password}</p>",
                        "text", "{booking.secret}"))
                .when().put("/email-templates/confirmation")
                .then().statusCode(400)
                .body("detail", containsString("subject line 1: unknown property 'shoeSize' in {meeting.shoeSize}"))
                .body("detail", containsString("html line 1: the namespace 'config:' is not available in templates"))
                .body("detail", containsString("text line 1: unknown variable 'booking'"));
    }

    @Test
    void aPreviewRendersADraftWithSampleDataAndEscapesItsHtml() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "For {meeting.inviteeName}", "html", "<b>{meeting.joinUrl}</b> {meeting.inviteeName}",
                        "text", "{meeting.day} {meeting.startTime} ({meeting.timeZone})"))
                .when().post("/email-templates/reminder_1h/preview")
                .then().statusCode(200)
                .body("subject", equalTo("For Maria Lopez"))
                .body("html", equalTo("<b>https://zoom.us/j/123456789</b> Maria Lopez"))
                .body("text", equalTo("Saturday 14 March 2026 10:00 (Europe/Madrid)"));
        for (String kind : new String[] {"no_show", "kickoff", "proposal_sent", "follow_up", "rescheduled"}) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .when().post("/email-templates/" + kind + "/preview")
                    .then().statusCode(200)
                    .body("html", not(containsString("null")))
                    .body("text", not(containsString("null")));
        }
    }

    @Test
    void anEmailWhoseTemplateRendersPastTheBoundFailsAtOnceWithAReasonTheAdminCanRead() {
        // Within bounds with the sample's name (11 characters), past 256 KiB with an 80-character one.
        String html = "<p>" + "{meeting.inviteeName}".repeat(4_500) + "</p>";
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "Booked", "html", html, "text", "Booked"))
                .when().put("/email-templates/confirmation")
                .then().statusCode(200);
        UUID booking = UUID.randomUUID();
        client.send(client.created(booking, Instant.parse("2030-06-06T12:00:00Z"), "Europe/Madrid", "N".repeat(80),
                null, null));

        client.awaitJob(booking, "CONFIRMATION", "FAILED");
        given().auth().oauth2(admin).when().get("/email-jobs?booking=" + booking + "&status=FAILED")
                .then().statusCode(200)
                .body("[0].attempts", equalTo(1))
                .body("[0].lastError", equalTo("the email could not be rendered: the html part renders past 256 KiB; an email part may "
                        + "be at most that large"));
    }

    @Test
    void anUnknownKindIsNotFoundAndClientsMayNotTouchTemplates() {
        given().auth().oauth2(admin).when().get("/email-templates/newsletter").then().statusCode(404);
        given().auth().oauth2(DevTokens.token(client.tenant, UUID.randomUUID(), "user"))
                .when().get("/email-templates").then().statusCode(403);
        given().when().get("/email-templates").then().statusCode(401);
    }
}
