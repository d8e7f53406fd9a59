package io.quillspace.booking.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One change of a proposal, appended and never changed (the runtime role may not update or delete these rows). */
@Entity
@Table(name = "proposal_history")
public class ProposalHistoryEntry extends PanacheEntityBase {

    /** What happened to the proposal. */
    public enum Change { CREATED, EDITED, SENT, SUPERSEDED, ACCEPTED, DECLINED, MOVED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "proposal_id", nullable = false)
    public UUID proposalId;

    @Column(name = "booking_id", nullable = false)
    public UUID bookingId;

    /** The booking a reschedule moved the proposal away from. */
    @Column(name = "from_booking_id")
    public UUID fromBookingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Change change;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public Proposal.Status fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public Proposal.Status toStatus;

    @Column(nullable = false)
    public int version;

    /** An edit's changed fields; an object because JSON columns map to objects, not arrays. */
    public record ChangedFields(List<String> names) {
    }

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "changed_fields")
    public ChangedFields changedFields;

    @Column(name = "content_sha256")
    public String contentSha256;

    public UUID actor;

    @Column(name = "actor_role", nullable = false)
    public String actorRole;

    @Column(name = "recorded_at", nullable = false, insertable = false, updatable = false)
    public Instant recordedAt;
}
