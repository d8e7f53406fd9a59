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

/** email-service's view of one booking, kept from its booking events; the dispatcher re-checks it before each send. */
@Entity
@Table(name = "booking_projection")
public class BookingProjection extends PanacheEntityBase {

    public enum Status { SCHEDULED, CANCELED, RESCHEDULED }

    /** Booking ids are unique across tenants; Row-Level Security keeps each tenant to its own. */
    @Id
    @Column(name = "booking_id")
    public UUID bookingId;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "no_show", nullable = false)
    public boolean noShow;

    @Column(name = "last_sequence", nullable = false)
    public long lastSequence;

    @Column(nullable = false)
    public String recipient;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public EmailJob.MeetingContext context;

    @Column(name = "calendar_uid", nullable = false)
    public String calendarUid;

    @Column(name = "calendar_sequence", nullable = false)
    public int calendarSequence;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
