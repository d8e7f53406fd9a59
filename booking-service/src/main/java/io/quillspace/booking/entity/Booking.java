package io.quillspace.booking.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One consultation booked on Calendly: one invitee of one scheduled event. */
@Entity
@Table(name = "consultation_bookings")
public class Booking extends PanacheEntityBase {

    /** Where a booking stands at Calendly. CANCELED and RESCHEDULED are final. */
    public enum Status { SCHEDULED, CANCELED, RESCHEDULED }

    /** Where the meeting takes place, as Calendly gave it (see {@code BookingEventV1.MeetingLocation}). */
    public record Location(String type, String location, String joinUrl) {
    }

    /** The UTM parameters of the link the client booked through. */
    public record Tracking(String utmCampaign, String utmSource, String utmMedium, String utmContent, String utmTerm) {
    }

    /** One answer of Calendly's intake form. */
    public record IntakeAnswer(String question, String answer, int position) {
    }

    /** The intake form as answered when booking; an object because JSON columns map to objects, not arrays. */
    public record Intake(List<IntakeAnswer> answers) {
    }

    @Id
    public UUID id;

    public UUID tenantId;

    public UUID userId;

    /** Calendly invitee URI: the booking's identity at Calendly. */
    public String inviteeUri;

    /** Calendly scheduled-event URI: shared by every invitee of a group event. */
    public String eventUri;

    public String eventName;

    @Enumerated(EnumType.STRING)
    public Status status;

    public Instant startTime;

    public Instant endTime;

    @Column(name = "invitee_timezone")
    public String inviteeTimeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    public Intake intake;

    public String cancelUrl;

    public String rescheduleUrl;

    /** Calendly's {@code updated_at} of the last delivery applied; older deliveries are stale. */
    public Instant calendlyUpdatedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public Location location;

    @JdbcTypeCode(SqlTypes.JSON)
    public Tracking tracking;

    /** Who canceled, as Calendly names them; with {@link #cancelerType} and {@link #cancelReason}, set once canceled. */
    public String canceledBy;

    public String cancelReason;

    /** {@code invitee} or {@code host}. */
    public String cancelerType;

    public Instant canceledAt;

    /** The booking this one replaced, when it is the new half of a reschedule. */
    public UUID rescheduledFromBookingId;

    /** The booking that replaced this one, once it is RESCHEDULED. */
    public UUID rescheduledToBookingId;

    public boolean noShow;

    /** Sequence number of the last event emitted for this booking; the next one gets this plus one. */
    public long eventSequence;

    public Instant createdAt;

    public Instant updatedAt;

    /**
     * A booking's id, derived from its tenant and Calendly invitee URI: either half of a reschedule can name the other
     * half's booking before that one arrives.
     */
    public static UUID idFor(UUID tenantId, String inviteeUri) {
        return UUID.nameUUIDFromBytes(("booking:" + tenantId + ":" + inviteeUri).getBytes(StandardCharsets.UTF_8));
    }

    /** The next number of this booking's event sequence, taken. */
    public long nextEventSequence() {
        return ++eventSequence;
    }
}
