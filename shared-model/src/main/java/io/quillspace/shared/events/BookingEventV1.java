package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * Booking lifecycle events on {@link Topics#BOOKING_EVENTS}. The {@code type} property names the variant so one topic
 * keeps one booking's events in order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = BookingEventV1.Created.class, name = BookingEventV1.Created.TYPE)
})
public sealed interface BookingEventV1 {

    int SCHEMA_VERSION = 1;

    /** Stable id of this event: the same on every redelivery, for consumers that deduplicate by event. */
    UUID eventId();

    UUID tenantId();

    UUID bookingId();

    /**
     * A consultation was booked.
     *
     * @param inviteeTimeZone IANA zone the invitee booked in; emails show times in it
     */
    record Created(
            UUID eventId,
            UUID tenantId,
            UUID bookingId,
            UUID userId,
            String inviteeEmail,
            String inviteeName,
            String eventName,
            Instant startTime,
            Instant endTime,
            String inviteeTimeZone,
            String cancelUrl,
            String rescheduleUrl,
            Instant occurredAt) implements BookingEventV1 {

        public static final String TYPE = "booking.created";
    }
}
