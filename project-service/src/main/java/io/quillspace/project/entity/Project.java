package io.quillspace.project.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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

    public UUID tenantId;

    /** The client. */
    public UUID userId;

    public UUID bookingId;

    public UUID proposalId;

    public String name;

    @Enumerated(EnumType.STRING)
    public Status status;

    public LocalDate kickoffDate;

    /** IANA zone of the client: the project's days (today, due, overdue) are theirs. */
    public String timeZone;

    public String clientEmail;

    public String clientName;

    public String scopeOfWork;

    public BigDecimal price;

    public String currency;

    public Instant acceptedAt;

    /** Number of the project's last event. */
    public long eventSequence;

    public Instant createdAt;

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
