package io.quillspace.email.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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
    public UUID bookingId;

    public UUID tenantId;

    public UUID userId;

    @Enumerated(EnumType.STRING)
    public Status status;

    public boolean noShow;

    public long lastSequence;

    public String recipient;

    @JdbcTypeCode(SqlTypes.JSON)
    public EmailJob.MeetingContext context;

    public String calendarUid;

    public int calendarSequence;

    public Instant updatedAt;
}
