package io.quillspace.project.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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

    public UUID tenantId;

    public UUID projectId;

    public UUID userId;

    /** Order in the plan, from 1. */
    public int position;

    public String name;

    public int estimatedDays;

    @Enumerated(EnumType.STRING)
    public Status status;

    public LocalDate plannedStart;

    public LocalDate plannedEnd;

    /** The day work on the phase first started; null until then. */
    public LocalDate actualStart;

    /** The day the phase was completed; null while it is not. */
    public LocalDate actualEnd;

    public Instant updatedAt;
}
