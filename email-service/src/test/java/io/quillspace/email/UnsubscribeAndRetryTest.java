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
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recipient leaves the follow-ups (however they spelt their address, and never by merely opening the link); an admin
 * sends a failed email again, a follow-up not in the recipient's night.
 */
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

        oneClick(link).then().statusCode(200);
        clock.pin(Instant.parse("2030-06-05T13:00:00Z"));

        client.awaitJob(booking.bookingId(), "FOLLOW_UP", "SUPPRESSED");
        client.awaitMessage("Tomorrow");
        assertEquals(0, client.inbox().stream().filter(message -> subject(message).startsWith("Thank you")).count());
    }

    @Test
    void aClientWhoBookedWithCapitalsAndUnsubscribesGetsNoFollowUp() {
        try (BookingEmails maria = new BookingEmails(bootstrapServers, "Maria-" + UUID.randomUUID() + "@Example.COM")) {
            BookingEventV1.Created booking = maria.created(UUID.randomUUID(), Instant.parse("2030-06-04T12:00:00Z"));
            maria.send(booking);
            maria.awaitMessage("Your consultation is confirmed");
            // The link of an earlier follow-up names the address in its normalized spelling.
            URI link = URI.create(unsubscribes.url(maria.tenant, maria.recipient));
            assertTrue(link.getRawQuery().contains("email=maria-"), link.toString());

            given().urlEncodingEnabled(false).when().post(link.getRawPath() + "?" + link.getRawQuery())
                    .then().statusCode(200);
            clock.pin(Instant.parse("2030-06-05T13:00:00Z"));

            maria.awaitJob(booking.bookingId(), "FOLLOW_UP", "SUPPRESSED");
            assertEquals("the recipient unsubscribed", maria.job(booking.bookingId(), "FOLLOW_UP").get("last_error"));
            maria.awaitMessage("Tomorrow");
            assertEquals(0, maria.inbox().stream().filter(message -> subject(message).startsWith("Thank you")).count());
        }
    }

    @Test
    void suppressionsStoredInAnotherSpellingAreNormalizedByTheMigration() {
        UUID other = UUID.randomUUID();
        for (Object[] row : new Object[][] {{client.tenant, " Maria@Example.com"}, {client.tenant, "maria@example.com"},
                {other, "TOM@example.org\t"}}) {
            DatabaseProbe.asRuntimeRole().updateAs(row[0].toString(), "", "service",
                    "insert into email_suppressions (tenant_id, email) values (?, ?)", row[0], row[1]);
        }

        DatabaseProbe.asMigrationOwner().execute("call normalize_suppressed_addresses()");

        assertEquals(List.of("maria@example.com"), suppressedIn(client.tenant));
        assertEquals(List.of("tom@example.org"), suppressedIn(other));
    }

    @Test
    void openingTheLinkOnlyShowsTheConfirmationPageAndItsButtonUnsubscribes() {
        URI link = URI.create(unsubscribes.url(client.tenant, client.recipient));

        // What a mail scanner or a link preview does: fetch the link, maybe twice.
        for (int fetch = 0; fetch < 2; fetch++) {
            String page = given().urlEncodingEnabled(false).when().get(link.getRawPath() + "?" + link.getRawQuery())
                    .then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer")
                    .extract().asString();
            assertTrue(page.contains("<form method=\"post\" action=\"?tenant=" + client.tenant + "&amp;email=")
                    && page.contains(client.recipient) && page.contains("<button type=\"submit\">Unsubscribe</button>"),
                    page);
        }
        assertEquals(List.of(), suppressedIn(client.tenant), "a GET changes nothing");

        // The page's button posts a form to the same URL.
        given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                .when().post(link.getRawPath() + "?" + link.getRawQuery())
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("You will receive no more follow-up emails"));
        assertEquals(List.of(client.recipient), suppressedIn(client.tenant));
    }

    @Test
    void theOneClickUnsubscribeWorksAndForgedOrForeignLinksAreRefused() {
        URI link = URI.create(unsubscribes.url(client.tenant, client.recipient));
        String token = link.getRawQuery().replaceAll(".*token=", "");
        UUID otherStudio = UUID.randomUUID();
        String forged = "/unsubscribe?tenant=" + client.tenant + "&email=someone-else@example.org&token=" + token;
        String foreign = "/unsubscribe?tenant=" + otherStudio + "&email=" + client.recipient + "&token=" + token;

        oneClick(link).then().statusCode(200);
        oneClick(link).then().statusCode(200);

        String garbledStudio = "/unsubscribe?tenant=not-a-studio&email=" + client.recipient + "&token=" + token;
        for (String refused : List.of(forged, foreign, garbledStudio,
                "/unsubscribe?tenant=" + client.tenant + "&email=" + client.recipient)) {
            given().urlEncodingEnabled(false).when().get(refused)
                    .then().statusCode(400).contentType(containsString("text/html"))
                    .body(containsString("This unsubscribe link is not valid"), not(containsString("<form")));
            given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                    .body("List-Unsubscribe=One-Click").when().post(refused)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://quillspace.io/problems/invalid-unsubscribe-link"));
        }
        assertEquals(List.of(client.recipient), suppressedIn(client.tenant));
        assertEquals(List.of(), suppressedIn(otherStudio));
    }

    @Test
    void aFollowUpAnAdminRetriesInTheRecipientsNightWaitsForTheirMorning() {
        UUID booking = UUID.randomUUID();
        UUID job = failedJob(booking, "FOLLOW_UP");
        // 00:30 in Madrid.
        clock.pin(Instant.parse("2030-06-03T22:30:00Z"));

        given().auth().oauth2(DevTokens.token(client.tenant, UUID.randomUUID(), "admin"))
                .when().post("/email-jobs/" + job + "/retry").then().statusCode(204);

        assertEquals("PENDING", client.job(booking, "FOLLOW_UP").get("status"));
        assertEquals(Instant.parse("2030-06-04T06:00:00Z"), client.scheduledFor(booking, "FOLLOW_UP"));
    }

    @Test
    void anAdminRetriesAFailedJobWhichIsThenSentAndOnlyAFailedOneCanBeRetried() {
        UUID booking = UUID.randomUUID();
        UUID job = failedJob(booking, "CONFIRMATION");
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

    /** A job of {@code kind} that used up its attempts, as the dispatcher leaves it. */
    private UUID failedJob(UUID booking, String kind) {
        UUID job = UUID.randomUUID();
        DatabaseProbe.asRuntimeRole().updateAs(client.tenant.toString(), "", "service",
                "insert into tenants (id) values (?) on conflict do nothing", client.tenant);
        DatabaseProbe.asRuntimeRole().updateAs(client.tenant.toString(), "", "service", """
                        insert into email_jobs (id, tenant_id, booking_id, user_id, kind, status, recipient, context,
                                                scheduled_for, attempts, last_error, message_id)
                        values (?, ?, ?, ?, ?, 'FAILED', ?, cast(? as jsonb), now(), 8, '550 rejected', ?)""",
                job, client.tenant, booking, client.user, kind, client.recipient, """
                        {"inviteeName": "Maria Lopez", "eventName": "Consultation", "startTime": "2030-06-06T12:00:00Z",
                         "endTime": "2030-06-06T12:45:00Z", "inviteeTimeZone": "Europe/Madrid",
                         "calendarUid": "x@quillspace.email", "calendarSequence": 0}""", "<" + job + "@quillspace.email>");
        return job;
    }

    /** What a mail program does for List-Unsubscribe-Post (RFC 8058). */
    private static io.restassured.response.Response oneClick(URI link) {
        return given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click").when().post(link.getRawPath() + "?" + link.getRawQuery());
    }

    private static List<Object> suppressedIn(UUID tenant) {
        return DatabaseProbe.asRuntimeRole().queryAs(tenant, null, "service",
                "select email from email_suppressions order by email").stream().map(row -> row.get("email")).toList();
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
