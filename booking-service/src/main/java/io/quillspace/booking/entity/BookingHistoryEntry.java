package io.quillspace.booking.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One state change of a booking, appended and never changed (the runtime role may not update or delete these rows). */
@Entity
@Table(name = "booking_history")
public class BookingHistoryEntry extends PanacheEntityBase {

    /**
     * What happened to the booking. CLIENT_ERASED: the client's personal data was replaced by tombstones (V9
     * {@code erase_client}), recorded without it.
     */
    public enum Change { CREATED, CANCELED, RESCHEDULED, NO_SHOW_MARKED, NO_SHOW_CLEARED, CLIENT_ERASED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID tenantId;

    public UUID bookingId;

    public UUID userId;

    @Enumerated(EnumType.STRING)
    public Change change;

    /** Null for the change that created the booking. */
    @Enumerated(EnumType.STRING)
    public Booking.Status fromStatus;

    @Enumerated(EnumType.STRING)
    public Booking.Status toStatus;

    /** The no-show mark after the change. */
    public boolean noShow;

    /** The Calendly delivery that caused the change. */
    public UUID deliveryId;

    public String calendlyEvent;

    /** Who made the change, as Calendly names them, and their kind ({@code invitee} or {@code host}). */
    public String actor;

    public String actorType;

    public String reason;

    /** When it happened at Calendly. */
    public Instant occurredAt;

    public Instant recordedAt;
}
