package io.quillspace.shared.files;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A client's files of one kind (a brief's, a deliverable's) when the client is erased: every object of theirs leaves the
 * store, then the rows become DELETED, so nothing signs a download for them again; the rows stay, as after an admin's
 * deletion. Called inside the erasure's tenant transaction and before it is recorded ({@code erase_client}): if either
 * fails, nothing is committed and the consumer retries both, and deleting an object already gone is harmless.
 */
@ApplicationScoped
public class ClientFiles {

    private final ObjectStorage storage;
    private final Clock clock;

    public ClientFiles(ObjectStorage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** Deletes the objects of every {@code kind} file of {@code client} in the bound tenant and marks the rows DELETED. */
    public Uni<Void> erase(Class<? extends StoredFile> kind, UUID client) {
        String entity = kind.getSimpleName();
        // Locked until the erasure commits: a completion racing it then finds the file DELETED and attaches nothing.
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                                "from " + entity + " where userId = :client", kind)
                        .setParameter("client", client)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultList()
                        .chain(files -> storage.deleteAll(files.stream()
                                .flatMap(file -> FileKeys.everyCopy(file.objectKey).stream()).toList()))
                        // A bulk update: the loaded rows stay clean, so no later flush writes their old names back.
                        .chain(() -> session.createMutationQuery("update " + entity
                                        + " set status = :deleted, deletedAt = :now where userId = :client and status <> :deleted")
                                .setParameter("deleted", StoredFile.Status.DELETED)
                                .setParameter("now", clock.instant())
                                .setParameter("client", client)
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
