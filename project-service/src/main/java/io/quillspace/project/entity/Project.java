package io.quillspace.project.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A client's project, started from the proposal they accepted; its plan lives in phases and deliverables. */
@Entity
@Table(name = "projects")
public class Project extends PanacheEntityBase {

    public enum Status { KICKOFF, ACTIVE, ON_HOLD, COMPLETED, CANCELLED }

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    /** The client. */
    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "booking_id", nullable = false)
    public UUID bookingId;

    @Column(name = "proposal_id", nullable = false)
    public UUID proposalId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "kickoff_date", nullable = false)
    public LocalDate kickoffDate;

    /** IANA zone of the client: the project's days (today, due, overdue) are theirs. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "client_email", nullable = false)
    public String clientEmail;

    @Column(name = "client_name", nullable = false)
    public String clientName;

    @Column(name = "scope_of_work", nullable = false)
    public String scopeOfWork;

    public BigDecimal price;

    public String currency;

    @Column(name = "accepted_at", nullable = false)
    public Instant acceptedAt;

    /** Number of the project's last event. */
    @Column(name = "event_sequence", nullable = false)
    public long eventSequence;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The project of a proposal: the same id whichever delivery of proposal.accepted creates it. */
    public static UUID idFor(UUID tenantId, UUID proposalId) {
        return UUID.nameUUIDFromBytes(("project:" + tenantId + ":" + proposalId).getBytes(StandardCharsets.UTF_8));
    }

    /** The next number of this project's event sequence, taken. */
    public long nextEventSequence() {
        return ++eventSequence;
    }
}
