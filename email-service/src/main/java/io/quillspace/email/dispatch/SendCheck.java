package io.quillspace.email.dispatch;

import io.quillspace.email.entity.BookingProjection;
import io.quillspace.email.entity.EmailJob;

import java.util.Optional;

/**
 * The last look before a job is handed to SMTP: the booking as email-service's projection knows it now may have moved
 * on since the job was scheduled or claimed.
 */
public final class SendCheck {

    private SendCheck() {
    }

    /**
     * Why the job must not be sent any more, or empty if it still may. A booking not projected does not stop an email,
     * nor does any booking state stop one that is not about the meeting (a project's kickoff).
     */
    public static Optional<String> reasonToWithdraw(EmailJob.Kind kind, BookingProjection booking) {
        if (booking == null || !kind.aboutTheMeeting()) {
            return Optional.empty();
        }
        if (booking.status == BookingProjection.Status.RESCHEDULED) {
            return Optional.of("the booking was rescheduled");
        }
        if (booking.status == BookingProjection.Status.CANCELED && kind != EmailJob.Kind.CANCELLATION) {
            return Optional.of("the booking was canceled");
        }
        if (booking.noShow && kind == EmailJob.Kind.FOLLOW_UP) {
            return Optional.of("the invitee did not show up");
        }
        if (!booking.noShow && kind == EmailJob.Kind.NO_SHOW) {
            return Optional.of("the no-show mark was cleared");
        }
        return Optional.empty();
    }
}
