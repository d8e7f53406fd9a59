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

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One consultation booked on Calendly: one invitee of one scheduled event. */
@Entity
@Table(name = "consultation_bookings")
public class Booking extends PanacheEntityBase {

    public enum Status { SCHEDULED }

    /** One answer of Calendly's intake form. */
    public record IntakeAnswer(String question, String answer, int position) {
    }

    /** The intake form as answered when booking; an object because JSON columns map to objects, not arrays. */
    public record Intake(List<IntakeAnswer> answers) {
    }

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    /** Calendly invitee URI: the booking's identity at Calendly. */
    @Column(name = "invitee_uri", nullable = false)
    public String inviteeUri;

    /** Calendly scheduled-event URI: shared by every invitee of a group event. */
    @Column(name = "event_uri", nullable = false)
    public String eventUri;

    @Column(name = "event_name")
    public String eventName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "start_time", nullable = false)
    public Instant startTime;

    @Column(name = "end_time", nullable = false)
    public Instant endTime;

    @Column(name = "invitee_timezone", nullable = false)
    public String inviteeTimeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Intake intake;

    @Column(name = "cancel_url")
    public String cancelUrl;

    @Column(name = "reschedule_url")
    public String rescheduleUrl;

    /** Calendly's {@code updated_at} of the last delivery applied; older deliveries are stale. */
    @Column(name = "calendly_updated_at")
    public Instant calendlyUpdatedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
