package io.quillspace.email.dispatch;

import io.quillspace.email.entity.BookingProjection;
import io.quillspace.email.entity.EmailJob.Kind;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendCheckTest {

    @Test
    void aScheduledBookingGetsItsEmails() {
        for (Kind kind : new Kind[] {Kind.CONFIRMATION, Kind.REMINDER_24H, Kind.REMINDER_1H, Kind.FOLLOW_UP}) {
            assertEquals(Optional.empty(), SendCheck.reasonToWithdraw(kind, booking(BookingProjection.Status.SCHEDULED, false)));
        }
    }

    @Test
    void aCanceledBookingGetsOnlyItsCancellation() {
        BookingProjection canceled = booking(BookingProjection.Status.CANCELED, false);
        assertEquals(Optional.of("the booking was canceled"), SendCheck.reasonToWithdraw(Kind.REMINDER_1H, canceled));
        assertEquals(Optional.empty(), SendCheck.reasonToWithdraw(Kind.CANCELLATION, canceled));
    }

    @Test
    void aRescheduledBookingGetsNothingMoreAboutItsMeeting() {
        for (Kind kind : Kind.values()) {
            if (kind.aboutTheMeeting()) {
                assertTrue(SendCheck.reasonToWithdraw(kind, booking(BookingProjection.Status.RESCHEDULED, false)).isPresent());
            }
        }
    }

    @Test
    void aProjectsKickoffIsNotAboutTheMeetingAndGoesOutWhateverTheBookingsState() {
        for (BookingProjection.Status status : BookingProjection.Status.values()) {
            assertEquals(Optional.empty(), SendCheck.reasonToWithdraw(Kind.KICKOFF, booking(status, true)));
        }
    }

    @Test
    void aNoShowGetsTheApologyInsteadOfTheFollowUpUntilTheMarkIsCleared() {
        assertTrue(SendCheck.reasonToWithdraw(Kind.FOLLOW_UP, booking(BookingProjection.Status.SCHEDULED, true)).isPresent());
        assertEquals(Optional.empty(), SendCheck.reasonToWithdraw(Kind.NO_SHOW, booking(BookingProjection.Status.SCHEDULED, true)));
        assertTrue(SendCheck.reasonToWithdraw(Kind.NO_SHOW, booking(BookingProjection.Status.SCHEDULED, false)).isPresent());
    }

    @Test
    void anUnknownBookingDoesNotStopAnEmail() {
        assertEquals(Optional.empty(), SendCheck.reasonToWithdraw(Kind.CONFIRMATION, null));
    }

    private static BookingProjection booking(BookingProjection.Status status, boolean noShow) {
        BookingProjection booking = new BookingProjection();
        booking.status = status;
        booking.noShow = noShow;
        return booking;
    }
}
