package io.quillspace.booking.calendly;

import io.quillspace.booking.entity.Booking.Status;
import io.quillspace.booking.entity.BookingHistoryEntry.Change;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BookingLifecycleTest {

    private static final Instant EARLIER = Instant.parse("2026-03-10T14:02:10Z");
    private static final Instant LATER = Instant.parse("2026-03-12T08:15:41Z");

    @Test
    void aCreateMakesANewBookingScheduledAndIsStaleForAKnownOne() {
        assertEquals(step(null, Status.SCHEDULED, Change.CREATED), BookingLifecycle.onBooked(null));
        for (Status known : Status.values()) {
            assertEquals(Optional.empty(), BookingLifecycle.onBooked(known), "late create for " + known);
        }
    }

    @Test
    void aCancelEndsAScheduledBookingCanceledOrRescheduled() {
        assertEquals(step(Status.SCHEDULED, Status.CANCELED, Change.CANCELED),
                BookingLifecycle.onCanceled(Status.SCHEDULED, EARLIER, LATER, false));
        assertEquals(step(Status.SCHEDULED, Status.RESCHEDULED, Change.RESCHEDULED),
                BookingLifecycle.onCanceled(Status.SCHEDULED, EARLIER, LATER, true));
    }

    @Test
    void aCancelIsNoStepWithoutABookingToCancel() {
        // A cancel that overtakes its create is applied to the booking created from it first (SharePlan).
        assertEquals(Optional.empty(), BookingLifecycle.onCanceled(null, null, LATER, false));
        assertEquals(Optional.empty(), BookingLifecycle.onCanceled(null, null, LATER, true));
    }

    @Test
    void finalStatesStayFinal() {
        for (Status terminal : new Status[] {Status.CANCELED, Status.RESCHEDULED}) {
            assertEquals(Optional.empty(), BookingLifecycle.onCanceled(terminal, EARLIER, LATER, false));
            assertEquals(Optional.empty(), BookingLifecycle.onCanceled(terminal, EARLIER, LATER, true));
        }
    }

    @Test
    void aCancelOlderThanTheStoredStateIsStale() {
        assertEquals(Optional.empty(), BookingLifecycle.onCanceled(Status.SCHEDULED, LATER, EARLIER, false));
        // Equal or unknown times are not older: the cancel applies.
        assertEquals(step(Status.SCHEDULED, Status.CANCELED, Change.CANCELED),
                BookingLifecycle.onCanceled(Status.SCHEDULED, LATER, LATER, false));
        assertEquals(step(Status.SCHEDULED, Status.CANCELED, Change.CANCELED),
                BookingLifecycle.onCanceled(Status.SCHEDULED, LATER, null, false));
    }

    @Test
    void theNoShowMarkChangesOnlyWhenItFlips() {
        assertEquals(Optional.of(Change.NO_SHOW_MARKED), BookingLifecycle.onNoShow(false, true));
        assertEquals(Optional.of(Change.NO_SHOW_CLEARED), BookingLifecycle.onNoShow(true, false));
        assertEquals(Optional.empty(), BookingLifecycle.onNoShow(true, true));
        assertEquals(Optional.empty(), BookingLifecycle.onNoShow(false, false));
    }

    private static Optional<BookingLifecycle.Step> step(Status from, Status to, Change change) {
        return Optional.of(new BookingLifecycle.Step(from, to, change));
    }
}
