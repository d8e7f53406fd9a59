package io.quillspace.email.entity;

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
import java.util.UUID;

/** One email of a booking's sequence, sent by the dispatcher when due. */
@Entity
@Table(name = "email_jobs")
public class EmailJob extends PanacheEntityBase {

    public enum Kind { CONFIRMATION }

    /** CANCELLED: the booking was canceled or moved before the email went out; it is never sent. */
    public enum Status { PENDING, SENT, FAILED, CANCELLED }

    /** What the templates show, captured from the booking event. */
    public record MeetingContext(String inviteeName, String eventName, Instant startTime, Instant endTime,
                                 String inviteeTimeZone, String cancelUrl, String rescheduleUrl) {
    }

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "booking_id", nullable = false)
    public UUID bookingId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public String recipient;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public MeetingContext context;

    @Column(name = "scheduled_for", nullable = false)
    public Instant scheduledFor;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
