package io.quillspace.booking.calendly;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BookingHistoryEntry;
import io.quillspace.shared.events.BookingEventV1;

import java.time.Instant;
import java.util.UUID;

/** Bookings, their history entries and the events they raise, built from Calendly changes. */
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

    /** The events a booking's changes raise; each takes the booking's next sequence number. */
    public static BookingEventV1 createdEvent(Booking booking, CalendlyChange.Invitee invitee, Instant occurredAt) {
        Booking.Location location = booking.location;
        return new BookingEventV1.Created(UUID.randomUUID(), booking.tenantId, booking.id, booking.nextEventSequence(),
                booking.userId, invitee.email(), invitee.name(), booking.eventName, booking.startTime, booking.endTime,
                booking.inviteeTimeZone, location == null ? null
                        : new BookingEventV1.MeetingLocation(location.type(), location.location(), location.joinUrl()),
                booking.cancelUrl, booking.rescheduleUrl, booking.rescheduledFromBookingId, occurredAt);
    }

    public static BookingEventV1 canceledEvent(Booking booking, CalendlyChange.Invitee invitee, Instant occurredAt) {
        return new BookingEventV1.Canceled(UUID.randomUUID(), booking.tenantId, booking.id, booking.nextEventSequence(),
                booking.userId, invitee.email(), invitee.name(), booking.eventName, booking.startTime, booking.endTime,
                booking.inviteeTimeZone, booking.canceledBy, booking.cancelReason, booking.cancelerType, occurredAt);
    }

    public static BookingEventV1 rescheduledEvent(Booking booking, CalendlyChange.Invitee invitee, Instant occurredAt) {
        return new BookingEventV1.Rescheduled(UUID.randomUUID(), booking.tenantId, booking.id,
                booking.nextEventSequence(), booking.rescheduledToBookingId, booking.userId, invitee.email(),
                invitee.name(), booking.canceledBy, booking.cancelReason, occurredAt);
    }

    public static BookingEventV1 noShowEvent(Booking booking, Instant occurredAt) {
        return booking.noShow
                ? new BookingEventV1.NoShowMarked(UUID.randomUUID(), booking.tenantId, booking.id,
                        booking.nextEventSequence(), booking.userId, occurredAt)
                : new BookingEventV1.NoShowCleared(UUID.randomUUID(), booking.tenantId, booking.id,
                        booking.nextEventSequence(), booking.userId, occurredAt);
    }
}
