package io.quillspace.booking.calendly;

import io.quillspace.booking.entity.Booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What one verified Calendly delivery asks of the bookings, read from its payload by {@link CalendlyChanges}. */
public sealed interface CalendlyChange {

    /** The delivery that carries the change. */
    Source source();

    /**
     * @param deliveryId the same for every redelivery of one Calendly event
     * @param event      Calendly's event name
     * @param updatedAt  Calendly's time of the change ({@code payload.updated_at}; no-shows: their {@code created_at})
     */
    record Source(UUID tenantId, UUID deliveryId, String event, Instant updatedAt) {
    }

    /**
     * The invitee as a delivery describes them and their meeting.
     *
     * @param oldInviteeUri set on the new half of a reschedule: the invitee it replaces
     */
    record Invitee(String uri, String email, String name, String timeZone, String eventUri, String eventName,
                   Instant startTime, Instant endTime, Booking.Location location, Booking.Tracking tracking,
                   List<Booking.IntakeAnswer> intake, String cancelUrl, String rescheduleUrl, String oldInviteeUri) {
    }

    /** Who canceled and why; any part may be null. */
    record Cancellation(String canceledBy, String reason, String cancelerType, Instant canceledAt) {
    }

    /** {@code invitee.created}: a booking, or the new half of a reschedule when {@code oldInviteeUri} is set. */
    record Booked(Source source, Invitee invitee) implements CalendlyChange {
    }

    /**
     * {@code invitee.canceled}: a cancellation, or the old half of a reschedule when {@code rescheduled}.
     *
     * @param newInviteeUri the invitee that replaces this one, when rescheduled
     */
    record Canceled(Source source, Invitee invitee, Cancellation cancellation, boolean rescheduled, String newInviteeUri)
            implements CalendlyChange {
    }

    /** {@code invitee_no_show.created} ({@code marked}) or {@code invitee_no_show.deleted}. */
    record NoShow(Source source, String noShowUri, String inviteeUri, boolean marked) implements CalendlyChange {
    }
}
