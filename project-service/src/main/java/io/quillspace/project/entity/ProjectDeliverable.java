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

/** Something the studio hands the client in a phase, due on a day. */
@Entity
@Table(name = "project_deliverables")
public class ProjectDeliverable extends PanacheEntityBase {

    public enum Status { PENDING, IN_PROGRESS, IN_REVIEW, DONE }

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Column(name = "phase_id", nullable = false)
    public UUID phaseId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    /** Order within its phase, from 1. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    /** The day it was done; null while it is not. */
    @Column(name = "done_on")
    public LocalDate doneOn;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
