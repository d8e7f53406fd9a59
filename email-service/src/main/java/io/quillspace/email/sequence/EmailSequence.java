package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The emails a newly booked consultation gets, and when: the confirmation (or, for the new half of a reschedule, the
 * "rescheduled" email) now, reminders 24 h and 1 h before the start, a follow-up 24 h after the end in the recipient's
 * daytime. A step whose time has passed when the booking arrives is skipped; a booking that arrives once its meeting
 * has begun (a reconciliation sweep, a late webhook retry) gets no confirmation either: it would confirm a meeting
 * that is already happening or over. Only its follow-up remains, while its time is still ahead.
 */
public final class EmailSequence {

    static final Duration FIRST_REMINDER = Duration.ofHours(24);
    static final Duration LAST_REMINDER = Duration.ofHours(1);
    static final Duration FOLLOW_UP_AFTER_END = Duration.ofHours(24);

    /** One email of the sequence and when it is due. */
    public record Step(EmailJob.Kind kind, Instant due) {

        /** The step as the pending job the dispatcher sends when it is due. */
        EmailJob pendingJob(UUID tenantId, UUID bookingId, UUID userId, String recipient,
                            EmailJob.MeetingContext context, Instant now) {
            EmailJob job = new EmailJob();
            job.id = UUID.randomUUID();
            job.tenantId = tenantId;
            job.bookingId = bookingId;
            job.userId = userId;
            job.kind = kind;
            job.status = EmailJob.Status.PENDING;
            job.recipient = recipient;
            job.context = context;
            job.scheduledFor = due;
            job.messageId = EmailJob.messageIdFor(job.id);
            job.createdAt = now;
            job.updatedAt = now;
            return job;
        }
    }

    private EmailSequence() {
    }

    public static List<Step> forBooking(boolean rescheduled, Instant start, Instant end, Instant now, ZoneId zone,
                                        QuietHours quietHours) {
        List<Step> steps = new ArrayList<>();
        if (start.isAfter(now)) {
            steps.add(new Step(rescheduled ? EmailJob.Kind.RESCHEDULED : EmailJob.Kind.CONFIRMATION, now));
        }
        addIfAhead(steps, EmailJob.Kind.REMINDER_24H, start.minus(FIRST_REMINDER), now);
        addIfAhead(steps, EmailJob.Kind.REMINDER_1H, start.minus(LAST_REMINDER), now);
        followUp(end, now, zone, quietHours).ifPresent(steps::add);
        return steps;
    }

    /** The follow-up, unless its time has passed: 24 h after the end, moved out of the recipient's quiet hours. */
    public static Optional<Step> followUp(Instant end, Instant now, ZoneId zone, QuietHours quietHours) {
        Instant due = end.plus(FOLLOW_UP_AFTER_END);
        return due.isAfter(now)
                ? Optional.of(new Step(EmailJob.Kind.FOLLOW_UP, quietHours.nextAllowed(due, zone)))
                : Optional.empty();
    }

    /**
     * When an email of {@code kind} due at {@code due} may go out: a transactional one at once, a non-transactional one
     * (a follow-up) not in the recipient's night, whether it is due for the first time or retried.
     */
    public static Instant sendableFrom(EmailJob.Kind kind, EmailJob.MeetingContext meeting, Instant due,
                                       QuietHours quietHours) {
        return kind.transactional() ? due : quietHours.nextAllowed(due, MeetingContexts.zoneOf(meeting));
    }

    private static void addIfAhead(List<Step> steps, EmailJob.Kind kind, Instant due, Instant now) {
        if (due.isAfter(now)) {
            steps.add(new Step(kind, due));
        }
    }
}
