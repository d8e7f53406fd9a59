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

/** Something the studio hands the client in a phase, due on a day. */
@Entity
@Table(name = "project_deliverables")
public class ProjectDeliverable extends PanacheEntityBase {

    public enum Status { PENDING, IN_PROGRESS, IN_REVIEW, DONE }

    @Id
    public UUID id;

    public UUID tenantId;

    public UUID projectId;

    public UUID phaseId;

    public UUID userId;

    /** Order within its phase, from 1. */
    public int position;

    public String name;

    @Enumerated(EnumType.STRING)
    public Status status;

    public LocalDate dueDate;

    /** The day it was done; null while it is not. */
    public LocalDate doneOn;

    public Instant updatedAt;
}
