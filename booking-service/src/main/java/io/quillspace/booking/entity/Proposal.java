package io.quillspace.booking.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The studio's offer for a booking's project: drafted and edited by admins, sent, then accepted or declined. */
@Entity
@Table(name = "proposals")
public class Proposal extends PanacheEntityBase {

    /** DRAFT → SENT → ACCEPTED | DECLINED; a SENT proposal becomes SUPERSEDED when a newer one is sent. */
    public enum Status { DRAFT, SENT, ACCEPTED, DECLINED, SUPERSEDED }

    /** One phase of the work, in {@code order} (from 1); validated as part of a proposal draft. */
    public record Phase(@Min(1) @Max(100) int order,
                        @NotBlank @Size(max = 200) String name,
                        @Min(1) @Max(3650) int estimatedDays,
                        @NotNull @Size(max = 50) List<@NotBlank @Size(max = 500) String> deliverables) {
    }

    /** The phases; an object because JSON columns map to objects, not arrays. */
    public record WorkPlan(List<Phase> phases) {
    }

    @Id
    public UUID id;

    public UUID tenantId;

    public UUID bookingId;

    /** The booking's client: the only user who may see (once sent), accept or decline it. */
    public UUID userId;

    @Enumerated(EnumType.STRING)
    public Status status;

    public String title;

    public String scopeOfWork;

    @JdbcTypeCode(SqlTypes.JSON)
    public WorkPlan workPlan;

    public BigDecimal price;

    public String currency;

    public Instant validUntil;

    /** Incremented by every change; an edit of a draft must name the version it started from. */
    @Version
    public int version;

    public UUID createdBy;

    public Instant createdAt;

    public Instant updatedAt;

    public Instant sentAt;

    /** When the client accepted or declined it. */
    public Instant decidedAt;
}
