package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BookingPlannerTest {

    private static final Instant NOW = Instant.parse("2030-06-03T10:00:00Z");
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final List<Kind> EVERY_KIND = List.of(Kind.values());

    @Test
    void aNewBookingWithdrawsNothingAndSchedulesItsSequence() {
        Instant start = Instant.parse("2030-06-06T12:00:00Z");
        BookingPlanner.Plan plan = BookingPlanner.onCreated(false, start, start.plus(Duration.ofMinutes(45)), NOW, MADRID,
                NIGHT);
        assertEquals(List.of(), plan.withdraw());
        assertEquals(List.of(Kind.CONFIRMATION, Kind.REMINDER_24H, Kind.REMINDER_1H, Kind.FOLLOW_UP), kinds(plan));
    }

    @Test
    void aBookingArrivingAfterItsMeetingSchedulesNoConfirmationAndNoReminders() {
        Instant start = NOW.minus(Duration.ofDays(3));
        assertEquals(List.of(), kinds(BookingPlanner.onCreated(false, start, start.plus(Duration.ofMinutes(45)), NOW,
                MADRID, NIGHT)));
    }

    @Test
    void aCancelBeforeTheMeetingEndsWithdrawsEverythingAndSendsTheCancellation() {
        BookingPlanner.Plan plan = BookingPlanner.onCanceled(NOW.plus(Duration.ofDays(1)), NOW);
        assertEquals(EVERY_KIND, plan.withdraw());
        assertEquals(List.of(new EmailSequence.Step(Kind.CANCELLATION, NOW)), plan.schedule());
        // Canceled while under way: the meeting has not ended, the client still hears of it.
        assertEquals(List.of(Kind.CANCELLATION), kinds(BookingPlanner.onCanceled(NOW.plus(Duration.ofMinutes(5)), NOW)));
        // An end this service never learnt (the booking only ever heard of as moved away) counts as not ended.
        assertEquals(List.of(Kind.CANCELLATION), kinds(BookingPlanner.onCanceled(null, NOW)));
    }

    @Test
    void aCancelArrivingAfterTheMeetingEndedWithdrawsEverythingAndSendsNothing() {
        BookingPlanner.Plan plan = BookingPlanner.onCanceled(NOW.minus(Duration.ofDays(2)), NOW);
        assertEquals(EVERY_KIND, plan.withdraw());
        assertEquals(List.of(), plan.schedule());
        assertEquals(List.of(), kinds(BookingPlanner.onCanceled(NOW, NOW)));
    }

    @Test
    void theOldHalfOfARescheduleWithdrawsEverythingAndSendsNothing() {
        assertEquals(new BookingPlanner.Plan(EVERY_KIND, List.of()), BookingPlanner.onRescheduled());
    }

    @Test
    void aNoShowMarkReplacesTheFollowUpWithTheApologyWithinAWeekOfTheMeeting() {
        Instant end = NOW.minus(Duration.ofDays(6));
        assertEquals(new BookingPlanner.Plan(List.of(Kind.FOLLOW_UP), List.of(new EmailSequence.Step(Kind.NO_SHOW, NOW))),
                BookingPlanner.onNoShowMarked(end, NOW));
        // Marked during the meeting (the invitee is twenty minutes late): the apology goes too.
        assertEquals(List.of(Kind.NO_SHOW), kinds(BookingPlanner.onNoShowMarked(NOW.plus(Duration.ofMinutes(25)), NOW)));
    }

    @Test
    void aNoShowMarkedMoreThanAWeekAfterTheMeetingOnlyWithdrawsTheFollowUp() {
        Instant end = NOW.minus(BookingPlanner.NO_SHOW_REACH);
        assertEquals(new BookingPlanner.Plan(List.of(Kind.FOLLOW_UP), List.of()), BookingPlanner.onNoShowMarked(end, NOW));
    }

    @Test
    void clearingTheMarkWithdrawsTheApologyAndBringsTheFollowUpBackWhileItsTimeIsAhead() {
        Instant end = Instant.parse("2030-06-03T09:45:00Z");
        assertEquals(new BookingPlanner.Plan(List.of(Kind.NO_SHOW),
                        List.of(new EmailSequence.Step(Kind.FOLLOW_UP, Instant.parse("2030-06-04T09:45:00Z")))),
                BookingPlanner.onNoShowCleared(end, NOW, MADRID, NIGHT));
        assertEquals(new BookingPlanner.Plan(List.of(Kind.NO_SHOW), List.of()),
                BookingPlanner.onNoShowCleared(NOW.minus(Duration.ofDays(2)), NOW, MADRID, NIGHT));
    }

    private static List<Kind> kinds(BookingPlanner.Plan plan) {
        return plan.schedule().stream().map(EmailSequence.Step::kind).toList();
    }
}
