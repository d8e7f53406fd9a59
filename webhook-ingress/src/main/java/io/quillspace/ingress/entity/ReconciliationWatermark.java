package io.quillspace.ingress.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A studio's last completed reconciliation sweep; the next one starts reading from it. */
@Entity
@Table(name = "reconciliation_watermarks")
public class ReconciliationWatermark extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    /** The {@code min_start_time} that sweep read from. */
    @Column(name = "swept_from", nullable = false)
    public Instant sweptFrom;

    @Column(name = "sweep_started_at", nullable = false)
    public Instant sweepStartedAt;

    @Column(name = "completed_at", nullable = false)
    public Instant completedAt;

    @Column(nullable = false)
    public int events;

    @Column(nullable = false)
    public int invitees;
}
