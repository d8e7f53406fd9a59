package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.email.unsubscribe.Unsubscribes;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.shared.events.BookingEventV1;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A recipient leaves the follow-ups; an admin sends a failed email again. */
@QuarkusTest
class UnsubscribeAndRetryTest extends AtFixedTime {

    @Inject
    Unsubscribes unsubscribes;

    @Test
    void anUnsubscribedRecipientGetsNoFollowUpButStillItsTransactionalEmail() {
        BookingEventV1.Created booking = client.created(UUID.randomUUID(), Instant.parse("2030-06-04T12:00:00Z"));
        client.send(booking);
        client.awaitMessage("Your consultation is confirmed");
        URI link = URI.create(unsubscribes.url(client.tenant, client.recipient));

        given().urlEncodingEnabled(false).when().get("/unsubscribe?" + link.getRawQuery()).then().statusCode(200);
        clock.pin(Instant.parse("2030-06-05T13:00:00Z"));

        client.awaitJob(booking.bookingId(), "FOLLOW_UP", "SUPPRESSED");
        client.awaitMessage("Tomorrow");
        assertEquals(0, client.inbox().stream().filter(message -> subject(message).startsWith("Thank you")).count());
    }

    @Test
    void theOneClickUnsubscribeWorksAndAForgedLinkIsRefused() {
        URI link = URI.create(unsubscribes.url(client.tenant, client.recipient));

        given().urlEncodingEnabled(false).when().post("/unsubscribe?" + link.getRawQuery()).then().statusCode(200);
        given().urlEncodingEnabled(false).when().get("/unsubscribe?tenant=" + client.tenant + "&email=someone-else@example.org&token="
                        + link.getRawQuery().replaceAll(".*token=", ""))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://quillspace.io/problems/invalid-unsubscribe-link"));
        assertEquals(1, DatabaseProbe.asRuntimeRole().queryAs(client.tenant, null, "service",
                "select email from email_suppressions").size());
    }

    @Test
    void anAdminRetriesAFailedJobWhichIsThenSentAndOnlyAFailedOneCanBeRetried() {
        UUID booking = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        DatabaseProbe.asRuntimeRole().updateAs(client.tenant.toString(), "", "service",
                "insert into tenants (id) values (?)", client.tenant);
        DatabaseProbe.asRuntimeRole().updateAs(client.tenant.toString(), "", "service", """
                        insert into email_jobs (id, tenant_id, booking_id, user_id, kind, status, recipient, context,
                                                scheduled_for, attempts, last_error, message_id)
                        values (?, ?, ?, ?, 'CONFIRMATION', 'FAILED', ?, cast(? as jsonb), now(), 8, '550 rejected', ?)""",
                job, client.tenant, booking, client.user, client.recipient, """
                        {"inviteeName": "Maria Lopez", "eventName": "Consultation", "startTime": "2030-06-06T12:00:00Z",
                         "endTime": "2030-06-06T12:45:00Z", "inviteeTimeZone": "Europe/Madrid",
                         "calendarUid": "x@quillspace.email", "calendarSequence": 0}""", "<" + job + "@quillspace.email>");
        String admin = DevTokens.token(client.tenant, UUID.randomUUID(), "admin");
        given().auth().oauth2(admin).when().get("/email-jobs?booking=" + booking + "&status=FAILED")
                .then().statusCode(200).body("id", contains(job.toString()));

        given().auth().oauth2(admin).when().post("/email-jobs/" + job + "/retry").then().statusCode(204);

        client.awaitMessage("Your consultation is confirmed");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(client.job(booking, "CONFIRMATION").get("status")));
        given().auth().oauth2(admin).when().post("/email-jobs/" + job + "/retry")
                .then().statusCode(409).body("type", equalTo("https://quillspace.io/problems/email-job-not-failed"));
        given().auth().oauth2(admin).when().post("/email-jobs/" + UUID.randomUUID() + "/retry").then().statusCode(404);
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
