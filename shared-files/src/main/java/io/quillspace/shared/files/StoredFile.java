package io.quillspace.shared.files;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.util.UUID;

/**
 * A file some record owns (a brief, a deliverable), as every owning table holds it: declared (PENDING) when its upload
 * is signed, ATTACHED once the object that arrived was checked and moved out of {@code pending/}, DELETED (the row kept
 * as history: who, when) once an admin removed it, or with no one as {@code deletedBy} once its client was erased.
 */
@MappedSuperclass
public abstract class StoredFile extends PanacheEntityBase {

    public enum Status { PENDING, ATTACHED, DELETED }

    @Id
    public UUID id;

    public UUID tenantId;

    /** The client who owns the file (the owner column of Row-Level Security), whoever uploaded it. */
    public UUID userId;

    /** As the user gave it: data, never part of the object key. */
    public String fileName;

    public String contentType;

    @Column(name = "size_bytes")
    public long size;

    public String checksumSha256;

    public String objectKey;

    @Enumerated(EnumType.STRING)
    public Status status;

    public UUID uploadedBy;

    public Instant createdAt;

    public Instant attachedAt;

    public UUID deletedBy;

    public Instant deletedAt;

    /** Fills the declared file, to be uploaded under {@code pending/<tenant>/<owner>/<id>}. */
    public void declare(UUID tenant, UUID owner, UUID client, FileDeclaration declared, UUID uploader, Instant now) {
        id = UUID.randomUUID();
        tenantId = tenant;
        userId = client;
        fileName = declared.fileName();
        contentType = declared.contentType();
        size = declared.size();
        checksumSha256 = declared.checksumSha256();
        objectKey = FileKeys.pending(tenant, owner, id);
        status = Status.PENDING;
        uploadedBy = uploader;
        createdAt = now;
    }

    /** What the client declared: the upload was signed for it, and what arrived must match it. */
    public FileDeclaration declaration() {
        return new FileDeclaration(fileName, contentType, size, checksumSha256);
    }

    /** Attaches the file now living under {@code attachedKey}; false if it was no longer pending (nothing changed). */
    public boolean attach(String attachedKey, Instant now) {
        if (status != Status.PENDING) {
            return false;
        }
        status = Status.ATTACHED;
        objectKey = attachedKey;
        attachedAt = now;
        return true;
    }

    /** Records the deletion; deleting again changes nothing. */
    public void delete(UUID admin, Instant now) {
        if (status != Status.DELETED) {
            status = Status.DELETED;
            deletedBy = admin;
            deletedAt = now;
        }
    }
}
