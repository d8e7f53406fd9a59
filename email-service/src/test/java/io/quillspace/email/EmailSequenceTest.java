package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.shared.events.BookingEventV1;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A booking's emails over its lifetime, on the real broker, database and SMTP server, with the clock moved by hand. */
@QuarkusTest
class EmailSequenceTest extends AtFixedTime {

    private static final Instant START = Instant.parse("2030-06-06T12:00:00Z");

    @Test
    void theWholeSequenceOfOneBookingArrivesEachEmailAtItsTime() throws Exception {
        BookingEventV1.Created booking = client.created(UUID.randomUUID(), START);

        client.send(booking);

        MimeMessage confirmation = client.awaitMessage("Your consultation is confirmed");
        assertTrue(confirmation.getSubject().contains("confirmed: Thursday 6 June 2030 at 14:00 (Europe/Madrid)"),
                confirmation.getSubject());
        assertEquals(client.job(booking.bookingId(), "CONFIRMATION").get("message_id"), confirmation.getMessageID());
        String invite = calendarPart(confirmation);
        assertTrue(invite.contains("METHOD:REQUEST") && invite.contains("UID:" + booking.bookingId() + "@quillspace.email")
                && invite.contains("DTSTART:20300606T120000Z") && invite.contains("SEQUENCE:0"), invite);
        assertEquals(at("2030-06-05T12:00:00Z"), client.scheduledFor(booking.bookingId(), "REMINDER_24H"));
        assertEquals(at("2030-06-06T11:00:00Z"), client.scheduledFor(booking.bookingId(), "REMINDER_1H"));
        assertEquals(at("2030-06-07T12:45:00Z"), client.scheduledFor(booking.bookingId(), "FOLLOW_UP"));

        clock.pin(Instant.parse("2030-06-05T12:00:00Z"));
        client.awaitMessage("Tomorrow");
        clock.pin(Instant.parse("2030-06-06T11:00:00Z"));
        client.awaitMessage("In one hour");
        clock.pin(Instant.parse("2030-06-07T12:45:00Z"));
        MimeMessage followUp = client.awaitMessage("Thank you");
        String unsubscribe = followUp.getHeader("List-Unsubscribe", null);
        assertTrue(unsubscribe.startsWith("<http") && unsubscribe.contains("/unsubscribe?tenant=" + client.tenant), unsubscribe);
        assertEquals("List-Unsubscribe=One-Click", followUp.getHeader("List-Unsubscribe-Post", null));
        assertNull(confirmation.getHeader("List-Unsubscribe"), "transactional email has no unsubscribe");
    }

    @Test
    void stepsWhoseTimeHasPassedAreSkipped() {
        BookingEventV1.Created soon = client.created(UUID.randomUUID(), NOW.plus(Duration.ofMinutes(30)));

        client.send(soon);

        client.awaitJob(soon.bookingId(), "CONFIRMATION", "SENT");
        assertEquals(List.of("CONFIRMATION", "FOLLOW_UP"),
                client.jobs(soon.bookingId()).stream().map(job -> job.get("kind")).toList());
    }

    @Test
    void aBookingThatArrivesAfterItsMeetingIsOverGetsNoEmailAtAll() {
        // A reconciliation sweep reads seven days back: this meeting was three days ago.
        BookingEventV1.Created past = client.created(UUID.randomUUID(), NOW.minus(Duration.ofDays(3)));

        client.send(past);

        awaitProjected(past.bookingId());
        assertEquals(List.of(), client.jobs(past.bookingId()));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().isEmpty());
    }

    @Test
    void aBookingThatArrivesDuringItsMeetingGetsNoConfirmationOnlyItsFollowUp() {
        BookingEventV1.Created underWay = client.created(UUID.randomUUID(), NOW.minus(Duration.ofMinutes(10)));

        client.send(underWay);

        client.awaitJob(underWay.bookingId(), "FOLLOW_UP", "PENDING");
        assertEquals(List.of("FOLLOW_UP"), client.jobs(underWay.bookingId()).stream().map(job -> job.get("kind")).toList());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().isEmpty());
        assertEquals(at("2030-06-04T10:35:00Z"), client.scheduledFor(underWay.bookingId(), "FOLLOW_UP"));
    }

    @Test
    void aCancelThatArrivesAfterTheMeetingEndedWithdrawsTheFollowUpAndSendsNoCancellation() {
        BookingEventV1.Created booking = client.created(UUID.randomUUID(), START);
        client.send(booking);
        client.awaitMessage("Your consultation is confirmed");
        clock.pin(Instant.parse("2030-06-06T15:00:00Z"));
        client.awaitMessage("Tomorrow");
        client.awaitMessage("In one hour");

        client.send(client.canceled(booking, 2));

        client.awaitJob(booking.bookingId(), "FOLLOW_UP", "CANCELLED");
        assertTrue(client.job(booking.bookingId(), "CANCELLATION").isEmpty(), "no cancellation of a past meeting");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 3);
    }

    @Test
    void aFollowUpDueInTheRecipientsNightWaitsForTheirMorning() {
        // Ends 21:45 in New York: the follow-up 24 h later would arrive at night; it waits for 08:00 there.
        BookingEventV1.Created evening = client.created(UUID.randomUUID(), Instant.parse("2030-06-07T01:00:00Z"),
                "America/New_York", "Tom Okafor", null, null);

        client.send(evening);

        client.awaitJob(evening.bookingId(), "CONFIRMATION", "SENT");
        assertEquals(at("2030-06-08T12:00:00Z"), client.scheduledFor(evening.bookingId(), "FOLLOW_UP"));
    }

    @Test
    void aCancelBetweenSchedulingAndSendingWithdrawsTheRemindersAndSendsTheCancellation() throws Exception {
        BookingEventV1.Created booking = client.created(UUID.randomUUID(), START);
        client.send(booking);
        client.awaitMessage("Your consultation is confirmed");

        client.send(client.canceled(booking, 2));

        MimeMessage cancellation = client.awaitMessage("Your consultation on Thursday 6 June 2030 is canceled");
        String cancel = calendarPart(cancellation);
        assertTrue(cancel.contains("METHOD:CANCEL") && cancel.contains("SEQUENCE:1")
                && cancel.contains("UID:" + booking.bookingId() + "@quillspace.email"), cancel);
        for (String kind : List.of("REMINDER_24H", "REMINDER_1H", "FOLLOW_UP")) {
            assertEquals("CANCELLED", client.job(booking.bookingId(), kind).get("status"), kind);
        }
        clock.pin(Instant.parse("2030-06-07T13:00:00Z"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 2);
    }

    @Test
    void aReminderWhoseBookingIsCanceledAfterItWasScheduledIsWithdrawnAtTheLastLook() {
        BookingEventV1.Created booking = client.created(UUID.randomUUID(), START);
        client.send(booking);
        client.awaitMessage("Your consultation is confirmed");
        // The cancel reached the projection while the reminder was already scheduled (or claimed) and still pending.
        assertEquals(1, DatabaseProbe.asRuntimeRole().updateAs(client.tenant.toString(), "", "service",
                "update booking_projection set status = 'CANCELED' where booking_id = ?", booking.bookingId()));

        clock.pin(Instant.parse("2030-06-05T12:00:00Z"));

        client.awaitJob(booking.bookingId(), "REMINDER_24H", "CANCELLED");
        assertEquals("the booking was canceled", client.job(booking.bookingId(), "REMINDER_24H").get("last_error"));
        assertEquals(1, client.inbox().size());
    }

    @Test
    void aRescheduleSendsOneRescheduledEmailThatMovesTheCalendarEntry() throws Exception {
        BookingEventV1.Created old = client.created(UUID.randomUUID(), START);
        client.send(old);
        client.awaitMessage("Your consultation is confirmed");
        UUID moved = UUID.randomUUID();

        client.send(new BookingEventV1.Rescheduled(UUID.randomUUID(), client.tenant, old.bookingId(), 2, moved,
                client.user, client.recipient, "Maria Lopez", "Maria Lopez", null, Instant.now()));
        client.send(client.created(moved, START.plus(Duration.ofDays(2)), "Europe/Madrid", "Maria Lopez",
                new BookingEventV1.MeetingLocation("zoom", null, "https://zoom.us/j/987"), old.bookingId()));

        MimeMessage rescheduled = client.awaitMessage("Your consultation has moved to Saturday 8 June 2030 at 14:00");
        assertTrue(SmtpServer.textOf(rescheduled).contains("from Thursday 6 June 2030, 14:00"), SmtpServer.textOf(rescheduled));
        String invite = calendarPart(rescheduled);
        assertTrue(invite.contains("UID:" + old.bookingId() + "@quillspace.email") && invite.contains("SEQUENCE:1")
                && invite.contains("DTSTART:20300608T120000Z"), invite);
        assertEquals("CANCELLED", client.job(old.bookingId(), "REMINDER_24H").get("status"));
        assertTrue(client.job(moved, "CONFIRMATION").isEmpty(), "no second confirmation");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 2);
    }

    @Test
    void aNoShowReplacesTheFollowUpWithAnApologyAndClearingItBringsTheFollowUpBack() throws Exception {
        BookingEventV1.Created booking = client.created(UUID.randomUUID(), START);
        client.send(booking);
        client.awaitMessage("Your consultation is confirmed");
        clock.pin(Instant.parse("2030-06-06T12:20:00Z"));

        client.send(new BookingEventV1.NoShowMarked(UUID.randomUUID(), client.tenant, booking.bookingId(), 2,
                client.user, Instant.now()));

        MimeMessage sorry = client.awaitMessage("Sorry we missed you");
        assertTrue(SmtpServer.textOf(sorry).contains("https://calendly.com/reschedulings/X"));
        assertEquals("CANCELLED", client.job(booking.bookingId(), "FOLLOW_UP").get("status"));

        client.send(new BookingEventV1.NoShowCleared(UUID.randomUUID(), client.tenant, booking.bookingId(), 3,
                client.user, Instant.now()));

        client.awaitJob(booking.bookingId(), "FOLLOW_UP", "PENDING");
        clock.pin(Instant.parse("2030-06-07T12:45:00Z"));
        client.awaitMessage("Thank you");
    }

    @Test
    void aHostileInviteeNameArrivesAsTextInTheHtmlPart() throws Exception {
        client.send(client.created(UUID.randomUUID(), START, "Europe/Madrid", "<script>alert('x')</script>", null, null));

        String html = htmlPart(client.awaitMessage("Your consultation is confirmed"));

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void anSmtpOutageDelaysEmailsWithoutUsingUpTheirAttemptsAndEachArrivesOnce() {
        SmtpServer smtp = Infrastructure.shared().smtp();
        BookingEventV1.Created booking = client.created(UUID.randomUUID(), START);
        smtp.stop();
        try {
            client.send(booking);
            await().atMost(Duration.ofSeconds(30)).until(() -> client.job(booking.bookingId(), "CONFIRMATION")
                    .get("last_error") != null);
            assertEquals(0, client.job(booking.bookingId(), "CONFIRMATION").get("attempts"));
            assertEquals("PENDING", client.job(booking.bookingId(), "CONFIRMATION").get("status"));
        } finally {
            smtp.restart();
        }
        clock.pin(NOW.plus(Duration.ofMinutes(1)));

        client.awaitJob(booking.bookingId(), "CONFIRMATION", "SENT");
        assertNotNull(client.job(booking.bookingId(), "CONFIRMATION").get("smtp_response"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 1);
    }

    private void awaitProjected(UUID booking) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !DatabaseProbe.asRuntimeRole().queryAs(client.tenant, null,
                "service", "select 1 from booking_projection where booking_id = ?", booking).isEmpty());
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static void assertNull(Object value, String message) {
        assertTrue(value == null, message);
    }

    private static String calendarPart(MimeMessage message) {
        return SmtpServer.partOf(message, "text/calendar");
    }

    private static String htmlPart(MimeMessage message) {
        return SmtpServer.partOf(message, "text/html");
    }
}
