package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob.Kind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What each booking event does to the booking's emails, as pure functions: which pending kinds are withdrawn and which
 * steps are scheduled (added, or brought back when withdrawn before). Only what still makes sense when the event
 * arrives is scheduled, since booking events may come days late (a reconciliation sweep reads seven days back, a
 * webhook is retried):
 * <ul>
 *     <li>a new booking: see {@link EmailSequence#forBooking}; once its meeting has begun, no confirmation and no
 *     reminders, only the follow-up while its time is ahead;</li>
 *     <li>a cancellation email only while the meeting has not ended: afterwards it would cancel the past;</li>
 *     <li>a no-show apology (with its link to book again) only within {@link #NO_SHOW_REACH} of the meeting's end;
 *     the mark always withdraws the follow-up, and clearing it brings the follow-up back while its time is ahead.</li>
 * </ul>
 */
final class BookingPlanner {

    /** How long after the meeting a no-show mark still sends its apology. */
    static final Duration NO_SHOW_REACH = Duration.ofDays(7);
    private static final List<Kind> EVERY_KIND = List.of(Kind.values());

    /** Withdraw these kinds' pending jobs, then schedule these steps. */
    record Plan(List<Kind> withdraw, List<EmailSequence.Step> schedule) {
    }

    private BookingPlanner() {
    }

    static Plan onCreated(boolean rescheduled, Instant start, Instant end, Instant now, ZoneId zone,
                          QuietHours quietHours) {
        return new Plan(List.of(), EmailSequence.forBooking(rescheduled, start, end, now, zone, quietHours));
    }

    /** Nothing pending goes out; the cancellation does while the meeting has not ended (an unknown end has not). */
    static Plan onCanceled(Instant end, Instant now) {
        boolean ended = end != null && !end.isAfter(now);
        return new Plan(EVERY_KIND, ended ? List.of() : List.of(new EmailSequence.Step(Kind.CANCELLATION, now)));
    }

    /** The old half of a reschedule: its emails stop; the client hears of the move from the new booking's email. */
    static Plan onRescheduled() {
        return new Plan(EVERY_KIND, List.of());
    }

    static Plan onNoShowMarked(Instant end, Instant now) {
        boolean inReach = end == null || now.isBefore(end.plus(NO_SHOW_REACH));
        return new Plan(List.of(Kind.FOLLOW_UP), inReach ? List.of(new EmailSequence.Step(Kind.NO_SHOW, now)) : List.of());
    }

    static Plan onNoShowCleared(Instant end, Instant now, ZoneId zone, QuietHours quietHours) {
        return new Plan(List.of(Kind.NO_SHOW), EmailSequence.followUp(end, now, zone, quietHours).stream().toList());
    }
}
