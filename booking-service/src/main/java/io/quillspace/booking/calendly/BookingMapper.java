package io.quillspace.booking.calendly;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BookingHistoryEntry;

import java.time.Instant;
import java.util.UUID;

/** Bookings and their history entries built from Calendly changes. */
public final class BookingMapper {

    private BookingMapper() {
    }

    /** A booking of {@code invitee} as first seen, in {@code status}, not yet persisted. */
    public static Booking newBooking(UUID tenantId, UUID userId, CalendlyChange.Invitee invitee, Booking.Status status,
                                     Instant now) {
        Booking booking = new Booking();
        booking.id = Booking.idFor(tenantId, invitee.uri());
        booking.tenantId = tenantId;
        booking.userId = userId;
        booking.inviteeUri = invitee.uri();
        booking.eventUri = invitee.eventUri();
        booking.eventName = invitee.eventName();
        booking.status = status;
        booking.startTime = invitee.startTime();
        booking.endTime = invitee.endTime();
        booking.inviteeTimeZone = invitee.timeZone();
        booking.location = invitee.location();
        booking.tracking = invitee.tracking();
        booking.intake = new Booking.Intake(invitee.intake());
        booking.cancelUrl = invitee.cancelUrl();
        booking.rescheduleUrl = invitee.rescheduleUrl();
        booking.createdAt = now;
        booking.updatedAt = now;
        return booking;
    }

    /** The history entry of a change that took {@code booking} from {@code from} (null: it did not exist) to its state now. */
    public static BookingHistoryEntry historyEntry(Booking booking, Booking.Status from, BookingHistoryEntry.Change change,
                                                   CalendlyChange.Source source, String actor, String actorType,
                                                   String reason, Instant now) {
        BookingHistoryEntry entry = new BookingHistoryEntry();
        entry.tenantId = booking.tenantId;
        entry.bookingId = booking.id;
        entry.userId = booking.userId;
        entry.change = change;
        entry.fromStatus = from;
        entry.toStatus = booking.status;
        entry.noShow = booking.noShow;
        entry.deliveryId = source.deliveryId();
        entry.calendlyEvent = source.event();
        entry.actor = actor;
        entry.actorType = actorType;
        entry.reason = reason;
        entry.occurredAt = source.updatedAt();
        entry.recordedAt = now;
        return entry;
    }
}
