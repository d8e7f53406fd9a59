package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Booking lifecycle events on {@link Topics#BOOKING_EVENTS}, keyed by {@link #bookingId()}. The {@code type} property
 * names the variant so one topic keeps one booking's events in order; {@link #sequence()} numbers them per booking
 * (1, 2, …, shared with {@link ProposalEventV1}), so a consumer can tell their order without trusting clocks. {@link #encode} and {@link #decode} are the
 * only writer and reader of the record value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = BookingEventV1.Created.class, name = BookingEventV1.Created.TYPE),
        @JsonSubTypes.Type(value = BookingEventV1.Canceled.class, name = BookingEventV1.Canceled.TYPE),
        @JsonSubTypes.Type(value = BookingEventV1.Rescheduled.class, name = BookingEventV1.Rescheduled.TYPE),
        @JsonSubTypes.Type(value = BookingEventV1.NoShowMarked.class, name = BookingEventV1.NoShowMarked.TYPE),
        @JsonSubTypes.Type(value = BookingEventV1.NoShowCleared.class, name = BookingEventV1.NoShowCleared.TYPE)
})
public sealed interface BookingEventV1 extends FleetEvent {

    int SCHEMA_VERSION = 1;
    EventContract<BookingEventV1> CONTRACT = new EventContract<>(Topics.BOOKING_EVENTS, SCHEMA_VERSION, BookingEventV1.class, "bookingId");

    /** The booking whose state changed; the record key. */
    UUID bookingId();

    @Override
    @JsonIgnore
    default Map<String, String> logFields() {
        return Map.of("tenantId", String.valueOf(tenantId()), "eventId", String.valueOf(eventId()),
                "bookingId", String.valueOf(bookingId()));
    }

    /**
     * Position of this event among its booking's events, from 1, increasing. The booking's {@link ProposalEventV1}s
     * continue the same sequence, so the numbers missing here are that topic's.
     */
    @Override
    long sequence();

    /**
     * Where the meeting takes place, as Calendly gave it; any part may be null.
     *
     * @param type     Calendly's location kind, e.g. {@code zoom}, {@code google_conference}, {@code physical},
     *                 {@code outbound_call}
     * @param location the address or phone number, for in-person meetings and calls
     * @param joinUrl  the link for video meetings
     */
    record MeetingLocation(String type, String location, String joinUrl) {
    }

    /**
     * A consultation was booked.
     *
     * @param inviteeTimeZone          IANA zone the invitee booked in; emails show times in it
     * @param rescheduledFromBookingId the booking this one replaces when it is the new half of a reschedule, else null
     */
    @JsonTypeName(Created.TYPE)
    record Created(
            UUID eventId,
            UUID tenantId,
            UUID bookingId,
            long sequence,
            UUID userId,
            String inviteeEmail,
            String inviteeName,
            String eventName,
            Instant startTime,
            Instant endTime,
            String inviteeTimeZone,
            MeetingLocation location,
            String cancelUrl,
            String rescheduleUrl,
            UUID rescheduledFromBookingId,
            Instant occurredAt) implements BookingEventV1 {

        public static final String TYPE = "booking.created";
    }

    /**
     * A consultation was canceled (not as part of a reschedule).
     *
     * @param canceledBy   who canceled, as Calendly names them
     * @param cancelerType {@code invitee} or {@code host}
     */
    @JsonTypeName(Canceled.TYPE)
    record Canceled(
            UUID eventId,
            UUID tenantId,
            UUID bookingId,
            long sequence,
            UUID userId,
            String inviteeEmail,
            String inviteeName,
            String eventName,
            Instant startTime,
            Instant endTime,
            String inviteeTimeZone,
            String canceledBy,
            String reason,
            String cancelerType,
            Instant occurredAt) implements BookingEventV1 {

        public static final String TYPE = "booking.canceled";
    }

    /**
     * A consultation was moved: {@code bookingId} (the old booking, now {@code rescheduled}) is replaced by
     * {@code newBookingId}, whose own {@link Created} names this one in {@code rescheduledFromBookingId}. The two
     * arrive in either order.
     */
    @JsonTypeName(Rescheduled.TYPE)
    record Rescheduled(
            UUID eventId,
            UUID tenantId,
            UUID bookingId,
            long sequence,
            UUID newBookingId,
            UUID userId,
            String inviteeEmail,
            String inviteeName,
            String canceledBy,
            String reason,
            Instant occurredAt) implements BookingEventV1 {

        public static final String TYPE = "booking.rescheduled";
    }

    /** The host marked the invitee as not having shown up. */
    @JsonTypeName(NoShowMarked.TYPE)
    record NoShowMarked(UUID eventId, UUID tenantId, UUID bookingId, long sequence, UUID userId, Instant occurredAt)
            implements BookingEventV1 {

        public static final String TYPE = "booking.no-show-marked";
    }

    /** The host removed the no-show mark. */
    @JsonTypeName(NoShowCleared.TYPE)
    record NoShowCleared(UUID eventId, UUID tenantId, UUID bookingId, long sequence, UUID userId, Instant occurredAt)
            implements BookingEventV1 {

        public static final String TYPE = "booking.no-show-cleared";
    }

    @Override
    @JsonIgnore
    default UUID aggregateId() {
        return bookingId();
    }

    @Override
    @JsonIgnore
    default EventContract<?> contract() {
        return CONTRACT;
    }

    /** The record value. */
    static String encode(BookingEventV1 event) {
        return CONTRACT.encode(event);
    }

    /** Reads a record value; an unknown {@code type} or a value without ids is malformed. */
    static BookingEventV1 decode(byte[] value) {
        return CONTRACT.decode(value);
    }
}
