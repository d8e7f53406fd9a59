package io.quillspace.project.service;

import io.quillspace.project.entity.DeliverableFile;
import io.quillspace.project.entity.Project;
import io.quillspace.project.entity.ProjectDeliverable;
import io.quillspace.project.mapping.ProjectEvents;
import io.quillspace.project.repository.DeliverableFileRepository;
import io.quillspace.project.repository.ProjectDeliverableRepository;
import io.quillspace.project.repository.ProjectRepository;
import io.quillspace.shared.files.FileDeclaration;
import io.quillspace.shared.files.FileKeys;
import io.quillspace.shared.files.FileViews;
import io.quillspace.shared.files.ObjectStorage;
import io.quillspace.shared.files.StoredFile;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Files the studio hands over with a deliverable. An admin declares a file and gets a presigned upload; completing it
 * checks what arrived, moves it out of {@code pending/} and raises {@code project.deliverable-file-attached} (the client
 * is emailed). The project's client downloads it; Row-Level Security hides it from everyone else (null here, 404).
 */
@ApplicationScoped
public class DeliverableFileService {

    private final ProjectRepository projects;
    private final ProjectDeliverableRepository deliverables;
    private final DeliverableFileRepository files;
    private final ObjectStorage storage;
    private final Clock clock;

    public DeliverableFileService(ProjectRepository projects, ProjectDeliverableRepository deliverables,
                                  DeliverableFileRepository files, ObjectStorage storage, Clock clock) {
        this.projects = projects;
        this.deliverables = deliverables;
        this.files = files;
        this.storage = storage;
        this.clock = clock;
    }

    /** Records the declared file and signs its upload; null if the admin's studio has no such deliverable. */
    public Uni<FileViews.Upload> prepare(TenantContext admin, UUID projectId, UUID deliverableId,
                                         FileDeclaration declared) {
        return TenantTransactions.inTenant(admin, () -> deliverable(projectId, deliverableId).chain(deliverable -> {
                    if (deliverable == null) {
                        return Uni.createFrom().<DeliverableFile>nullItem();
                    }
                    DeliverableFile file = new DeliverableFile();
                    file.declare(deliverable.tenantId, projectId, deliverable.userId, declared,
                            admin.userId().orElseThrow(), now());
                    file.projectId = projectId;
                    file.deliverableId = deliverableId;
                    return files.persist(file);
                }))
                .map(file -> file == null ? null : storage.presignUpload(file));
    }

    /**
     * Checks the uploaded object against the declaration and attaches it; null if absent for the caller. Completing an
     * attached file again answers the same and raises nothing.
     */
    public Uni<DeliverableFile> complete(TenantContext admin, UUID projectId, UUID deliverableId, UUID fileId) {
        return TenantTransactions.inTenant(admin, () -> files.ofDeliverable(projectId, deliverableId, fileId))
                .chain(file -> storage.complete(file, found -> FileKeys.attached(found.tenantId, projectId, found.id),
                        attachedKey -> attach(admin, projectId, deliverableId, fileId, attachedKey)));
    }

    /** The file with a presigned download if attached; null if absent for the caller or not attached. */
    public Uni<FileViews.File> download(TenantContext caller, UUID projectId, UUID deliverableId, UUID fileId) {
        return TenantTransactions.inTenant(caller, () -> files.ofDeliverable(projectId, deliverableId, fileId))
                .map(file -> file == null || file.status != StoredFile.Status.ATTACHED ? null
                        : storage.withDownload(file));
    }

    /** An admin removes the file: the row stays as history, the object goes. Null if absent for the caller. */
    public Uni<DeliverableFile> delete(TenantContext admin, UUID projectId, UUID deliverableId, UUID fileId) {
        return TenantTransactions.inTenant(admin, () -> files.lockOfDeliverable(projectId, deliverableId, fileId)
                        .invoke(file -> {
                            if (file != null) {
                                file.delete(admin.userId().orElseThrow(), now());
                            }
                        }))
                .call(file -> file == null ? Uni.createFrom().voidItem() : storage.delete(file.objectKey));
    }

    private Uni<DeliverableFile> attach(TenantContext admin, UUID projectId, UUID deliverableId, UUID fileId,
                                        String attachedKey) {
        return TenantTransactions.inTenant(admin, () -> projects.lockById(projectId).chain(project ->
                deliverable(projectId, deliverableId).chain(deliverable ->
                        files.lockOfDeliverable(projectId, deliverableId, fileId).chain(file ->
                                file.attach(attachedKey, now())
                                        ? Outbox.append(ProjectEvents.deliverableFileAttached(project, deliverable, file))
                                        .replaceWith(file)
                                        // A concurrent completion won (or it was deleted meanwhile): one event at most.
                                        : Uni.createFrom().item(file)))));
    }

    private Uni<ProjectDeliverable> deliverable(UUID projectId, UUID deliverableId) {
        return deliverables.find("id = ?1 and projectId = ?2", deliverableId, projectId).firstResult();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
