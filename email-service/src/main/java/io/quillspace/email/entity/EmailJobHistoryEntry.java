package io.quillspace.email.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/** One status change (or claim) of an email job, written by the database in the change's transaction; read only. */
@Entity
@Immutable
@Table(name = "email_job_history")
public class EmailJobHistoryEntry extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "job_id")
    public UUID jobId;

    /** CREATED, CLAIMED, RETRY, SENT, FAILED, CANCELLED, SUPPRESSED or REQUEUED. */
    public String event;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status")
    public String toStatus;

    /** The SMTP server's answer, the error, or why the job was withdrawn. */
    public String reason;

    @Column(name = "scheduled_for")
    public Instant scheduledFor;

    /** The user who made the change (an admin's retry); null for the dispatcher and the sequence. */
    public UUID actor;

    public Instant at;
}
