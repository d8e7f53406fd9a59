package io.quillspace.project.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quillspace.project.entity.DeliverableFile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

@ApplicationScoped
public class DeliverableFileRepository implements PanacheRepositoryBase<DeliverableFile, UUID> {

    private static final String OF_DELIVERABLE = "id = ?1 and projectId = ?2 and deliverableId = ?3";

    /** The deliverable's file, or null (also when the caller may not see it). */
    public Uni<DeliverableFile> ofDeliverable(UUID projectId, UUID deliverableId, UUID fileId) {
        return find(OF_DELIVERABLE, fileId, projectId, deliverableId).firstResult();
    }

    /** The deliverable's file, or null; locked until the transaction ends. */
    public Uni<DeliverableFile> lockOfDeliverable(UUID projectId, UUID deliverableId, UUID fileId) {
        return find(OF_DELIVERABLE, fileId, projectId, deliverableId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }
}
