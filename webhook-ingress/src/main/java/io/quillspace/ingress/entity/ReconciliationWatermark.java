package io.quillspace.ingress.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A studio's last completed reconciliation sweep (the next one starts reading from it; all null before the first) and
 * the lease of the replica whose scheduled sweep holds the studio.
 */
@Entity
@Table(name = "reconciliation_watermarks")
public class ReconciliationWatermark extends PanacheEntityBase {

    @Id
    public UUID tenantId;

    /** The {@code min_start_time} that sweep read from. */
    public Instant sweptFrom;

    public Instant sweepStartedAt;

    public Instant completedAt;

    public Integer events;

    public Integer invitees;

    public Instant claimedUntil;
}
