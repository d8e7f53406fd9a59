package io.quillspace.booking.calendly;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BookingHistoryEntry;

import java.time.Instant;
import java.util.Optional;

/**
 * The booking lifecycle as pure functions: which step a Calendly change makes from a booking's current state, or none
 * when the change is stale. Deliveries come at least once and in any order, so a booking is created by whichever of
 * its deliveries arrives first (a cancel first creates it, then cancels it), and CANCELED and RESCHEDULED are final: a
 * late {@code invitee.created} never brings a booking back.
 */
final class BookingLifecycle {

    /** A change of status; {@code from} is null when the change creates the booking. */
    record Step(Booking.Status from, Booking.Status to, BookingHistoryEntry.Change change) {
    }

    private BookingLifecycle() {
    }

    /** {@code invitee.created}: only a booking not seen before is created; for a known one the delivery is stale. */
    static Optional<Step> onBooked(Booking.Status current) {
        return current == null
                ? Optional.of(new Step(null, Booking.Status.SCHEDULED, BookingHistoryEntry.Change.CREATED))
                : Optional.empty();
    }

    /**
     * {@code invitee.canceled}: a scheduled booking becomes CANCELED, or RESCHEDULED when the cancel is the old half of
     * a reschedule; a final booking, or a delivery older than the stored state, changes nothing. A cancel that overtook
     * its create finds the booking just created from it (SCHEDULED).
     */
    static Optional<Step> onCanceled(Booking.Status current, Instant storedUpdatedAt, Instant updatedAt,
                                     boolean rescheduled) {
        if (current != Booking.Status.SCHEDULED || isOlder(updatedAt, storedUpdatedAt)) {
            return Optional.empty();
        }
        return Optional.of(rescheduled
                ? new Step(current, Booking.Status.RESCHEDULED, BookingHistoryEntry.Change.RESCHEDULED)
                : new Step(current, Booking.Status.CANCELED, BookingHistoryEntry.Change.CANCELED));
    }

    /** The change of the no-show mark from {@code before} to {@code after}, if it changes. */
    static Optional<BookingHistoryEntry.Change> onNoShow(boolean before, boolean after) {
        if (before == after) {
            return Optional.empty();
        }
        return Optional.of(after ? BookingHistoryEntry.Change.NO_SHOW_MARKED : BookingHistoryEntry.Change.NO_SHOW_CLEARED);
    }

    /** Whether a delivery's time is before the stored one; unknown times never make a delivery stale. */
    static boolean isOlder(Instant updatedAt, Instant stored) {
        return updatedAt != null && stored != null && updatedAt.isBefore(stored);
    }
}
