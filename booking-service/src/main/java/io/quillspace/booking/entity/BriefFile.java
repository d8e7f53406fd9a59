package io.quillspace.booking.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A file of a consultation's brief: declared (PENDING) when the upload is signed, ATTACHED once the object that arrived
 * was checked, DELETED (row kept as history) when an admin removes it.
 */
@Entity
@Table(name = "brief_files")
public class BriefFile extends PanacheEntityBase {

    public enum Status { PENDING, ATTACHED, DELETED }

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "booking_id", nullable = false)
    public UUID bookingId;

    /** The booking's client, who owns the file whoever uploaded it. */
    @Column(name = "user_id", nullable = false)
    public UUID userId;

    /** The brief version current at upload; null when no brief had been submitted yet. */
    @Column(name = "brief_version")
    public Integer briefVersion;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long size;

    @Column(name = "checksum_sha256")
    public String checksumSha256;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "uploaded_by", nullable = false)
    public UUID uploadedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "attached_at")
    public Instant attachedAt;

    @Column(name = "deleted_by")
    public UUID deletedBy;

    @Column(name = "deleted_at")
    public Instant deletedAt;
}
