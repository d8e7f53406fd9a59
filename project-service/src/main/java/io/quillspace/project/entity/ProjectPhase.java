package io.quillspace.project.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One phase of a project's plan, in {@link #position} order, with planned and actual dates. */
@Entity
@Table(name = "project_phases")
public class ProjectPhase extends PanacheEntityBase {

    public enum Status { PENDING, IN_PROGRESS, COMPLETED }

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    /** Order in the plan, from 1. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String name;

    @Column(name = "estimated_days", nullable = false)
    public int estimatedDays;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "planned_start", nullable = false)
    public LocalDate plannedStart;

    @Column(name = "planned_end", nullable = false)
    public LocalDate plannedEnd;

    /** The day work on the phase first started; null until then. */
    @Column(name = "actual_start")
    public LocalDate actualStart;

    /** The day the phase was completed; null while it is not. */
    @Column(name = "actual_end")
    public LocalDate actualEnd;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
