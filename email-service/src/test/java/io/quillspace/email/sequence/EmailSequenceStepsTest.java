package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.entity.EmailJob.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EmailSequenceStepsTest {

    private static final Instant NOW = Instant.parse("2030-06-03T10:00:00Z");
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    @Test
    void aBookingDaysAheadGetsEveryStep() {
        Instant start = Instant.parse("2030-06-06T12:00:00Z");

        assertEquals(List.of(
                        new EmailSequence.Step(Kind.CONFIRMATION, NOW),
                        new EmailSequence.Step(Kind.REMINDER_24H, Instant.parse("2030-06-05T12:00:00Z")),
                        new EmailSequence.Step(Kind.REMINDER_1H, Instant.parse("2030-06-06T11:00:00Z")),
                        new EmailSequence.Step(Kind.FOLLOW_UP, Instant.parse("2030-06-07T12:45:00Z"))),
                EmailSequence.forBooking(false, start, start.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT));
    }

    @Test
    void remindersWhoseTimeHasPassedAreSkipped() {
        Instant inThirtyMinutes = NOW.plus(Duration.ofMinutes(30));
        assertEquals(List.of(Kind.CONFIRMATION, Kind.FOLLOW_UP), kinds(EmailSequence.forBooking(false, inThirtyMinutes,
                inThirtyMinutes.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT)));
        Instant inFiveHours = NOW.plus(Duration.ofHours(5));
        assertEquals(List.of(Kind.CONFIRMATION, Kind.REMINDER_1H, Kind.FOLLOW_UP), kinds(EmailSequence.forBooking(false,
                inFiveHours, inFiveHours.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT)));
    }

    @Test
    void aMeetingLongPastGetsNoEmailAtAll() {
        Instant lastWeek = NOW.minus(Duration.ofDays(7));
        assertEquals(List.of(),
                kinds(EmailSequence.forBooking(false, lastWeek, lastWeek.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT)));
        assertEquals(List.of(),
                kinds(EmailSequence.forBooking(true, lastWeek, lastWeek.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT)));
    }

    @Test
    void aMeetingThatEndedAnHourAgoGetsOnlyItsFollowUp() {
        Instant start = NOW.minus(Duration.ofMinutes(105));
        assertEquals(List.of(new EmailSequence.Step(Kind.FOLLOW_UP, Instant.parse("2030-06-04T09:00:00Z"))),
                EmailSequence.forBooking(false, start, start.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT));
    }

    @Test
    void aMeetingUnderWayGetsNoConfirmationAndNoRescheduledEmail() {
        Instant start = NOW.minus(Duration.ofMinutes(10));
        assertEquals(List.of(Kind.FOLLOW_UP),
                kinds(EmailSequence.forBooking(false, start, start.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT)));
        assertEquals(List.of(Kind.FOLLOW_UP),
                kinds(EmailSequence.forBooking(true, start, start.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT)));
        Instant startingNow = NOW;
        assertEquals(List.of(Kind.FOLLOW_UP),
                kinds(EmailSequence.forBooking(false, startingNow, startingNow.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT)));
    }

    @Test
    void aMeetingAMinuteAwayIsStillConfirmed() {
        Instant start = NOW.plus(Duration.ofMinutes(1));
        assertEquals(List.of(Kind.CONFIRMATION, Kind.FOLLOW_UP),
                kinds(EmailSequence.forBooking(false, start, start.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT)));
    }

    @Test
    void aFollowUpIsSendableOnlyOutsideTheRecipientsNightWhileTransactionalEmailGoesAtOnce() {
        EmailJob.MeetingContext madrid = new EmailJob.MeetingContext("Maria", null, null, null, "Europe/Madrid", null,
                null, null, null, "x@quillspace.email", 0, null, null, null);
        Instant night = Instant.parse("2030-06-07T22:30:00Z");
        assertEquals(Instant.parse("2030-06-08T06:00:00Z"), EmailSequence.sendableFrom(Kind.FOLLOW_UP, madrid, night, NIGHT));
        assertEquals(night, EmailSequence.sendableFrom(Kind.CONFIRMATION, madrid, night, NIGHT));
        assertEquals(night, EmailSequence.sendableFrom(Kind.NO_SHOW, madrid, night, NIGHT));
        // A zone the event did not name, or one the JVM does not know, is UTC: 22:30 UTC is still night there.
        EmailJob.MeetingContext unknownZone = new EmailJob.MeetingContext("Maria", null, null, null, "Not/AZone", null,
                null, null, null, "x@quillspace.email", 0, null, null, null);
        assertEquals(Instant.parse("2030-06-08T08:00:00Z"), EmailSequence.sendableFrom(Kind.FOLLOW_UP, unknownZone, night,
                NIGHT));
    }

    @Test
    void theNewHalfOfARescheduleStartsWithTheRescheduledEmailInsteadOfAConfirmation() {
        Instant start = Instant.parse("2030-06-06T12:00:00Z");
        assertEquals(Kind.RESCHEDULED,
                EmailSequence.forBooking(true, start, start.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT).get(0).kind());
    }

    @Test
    void theFollowUpAvoidsTheRecipientsNight() {
        Instant start = Instant.parse("2030-06-06T19:00:00Z");
        assertEquals(Instant.parse("2030-06-08T06:00:00Z"),
                EmailSequence.followUp(start.plus(Duration.ofMinutes(45)), NOW, MADRID, NIGHT).orElseThrow().due());
    }

    private static List<Kind> kinds(List<EmailSequence.Step> steps) {
        return steps.stream().map(EmailSequence.Step::kind).toList();
    }
}
