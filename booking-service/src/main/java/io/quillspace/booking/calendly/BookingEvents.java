package io.quillspace.booking.calendly;

import io.quillspace.booking.entity.Booking;
import io.quillspace.shared.events.BookingEventV1;

import java.time.Instant;
import java.util.UUID;

/**
 * The {@link BookingEventV1} each change of a booking raises, numbered with the booking's next sequence number.
 */
public final class BookingEvents {

    private BookingEvents() {
    }

    public static BookingEventV1 created(Booking booking, CalendlyChange.Invitee invitee, Instant occurredAt) {
        Booking.Location location = booking.location;
        return new BookingEventV1.Created(UUID.randomUUID(), booking.tenantId, booking.id, booking.nextEventSequence(),
                booking.userId, invitee.email(), invitee.name(), booking.eventName, booking.startTime, booking.endTime,
                booking.inviteeTimeZone, location == null ? null
                        : new BookingEventV1.MeetingLocation(location.type(), location.location(), location.joinUrl()),
                booking.cancelUrl, booking.rescheduleUrl, booking.rescheduledFromBookingId, occurredAt);
    }

    public static BookingEventV1 canceled(Booking booking, CalendlyChange.Invitee invitee, Instant occurredAt) {
        return new BookingEventV1.Canceled(UUID.randomUUID(), booking.tenantId, booking.id, booking.nextEventSequence(),
                booking.userId, invitee.email(), invitee.name(), booking.eventName, booking.startTime, booking.endTime,
                booking.inviteeTimeZone, booking.canceledBy, booking.cancelReason, booking.cancelerType, occurredAt);
    }

    public static BookingEventV1 rescheduled(Booking booking, CalendlyChange.Invitee invitee, Instant occurredAt) {
        return new BookingEventV1.Rescheduled(UUID.randomUUID(), booking.tenantId, booking.id,
                booking.nextEventSequence(), booking.rescheduledToBookingId, booking.userId, invitee.email(),
                invitee.name(), booking.canceledBy, booking.cancelReason, occurredAt);
    }

    public static BookingEventV1 noShow(Booking booking, Instant occurredAt) {
        return booking.noShow
                ? new BookingEventV1.NoShowMarked(UUID.randomUUID(), booking.tenantId, booking.id,
                        booking.nextEventSequence(), booking.userId, occurredAt)
                : new BookingEventV1.NoShowCleared(UUID.randomUUID(), booking.tenantId, booking.id,
                        booking.nextEventSequence(), booking.userId, occurredAt);
    }
}
