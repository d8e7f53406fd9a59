package io.quillspace.booking.file;

import io.quillspace.booking.common.ConsultationPolicy;
import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BriefFile;
import io.quillspace.booking.repository.BookingRepository;
import io.quillspace.booking.repository.BriefFileRepository;
import io.quillspace.booking.repository.ProjectBriefRepository;
import io.quillspace.shared.files.FileConflict;
import io.quillspace.shared.files.FileDeclaration;
import io.quillspace.shared.files.FileKeys;
import io.quillspace.shared.files.FileViews;
import io.quillspace.shared.files.ObjectStorage;
import io.quillspace.shared.files.StoredObject;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Files of a consultation's brief. The client (or an admin) declares a file and gets a presigned upload; completing it
 * checks what arrived, moves it out of {@code pending/} and raises {@code brief.file-attached}. Every read and write runs
 * as the caller, so Row-Level Security hides another client's or studio's files (null here, 404 at the API).
 */
@ApplicationScoped
public class BriefFileService {

    private static final Logger LOG = Logger.getLogger(BriefFileService.class);

    private final BookingRepository bookings;
    private final ProjectBriefRepository briefs;
    private final BriefFileRepository files;
    private final ConsultationPolicy policy;
    private final ObjectStorage storage;

    public BriefFileService(BookingRepository bookings, ProjectBriefRepository briefs, BriefFileRepository files,
                            ConsultationPolicy policy, ObjectStorage storage) {
        this.bookings = bookings;
        this.briefs = briefs;
        this.files = files;
        this.policy = policy;
        this.storage = storage;
    }

    /** Records the declared file and signs its upload; null if the caller may not see the consultation. */
    public Uni<FileViews.Upload> prepare(TenantContext caller, UUID bookingId, FileDeclaration declared) {
        return TenantTransactions.inTenant(caller, () -> bookings.findById(bookingId).chain(booking -> booking == null
                ? Uni.createFrom().<BriefFile>nullItem()
                : policy.requireNotRescheduled(booking).chain(() -> briefs.count("bookingId", bookingId))
                        .chain(versions -> files.persist(pending(caller, booking, versions.intValue(), declared)))))
                .map(file -> file == null ? null
                        : FileViews.Upload.of(file.id, storage.presignUpload(file.objectKey, declared)));
    }

    /**
     * Checks the uploaded object against the declaration and attaches it; null if the caller may not see the file.
     * Completing an attached file again answers the same and raises nothing.
     */
    public Uni<BriefFile> complete(TenantContext caller, UUID bookingId, UUID fileId) {
        return TenantTransactions.inTenant(caller, () -> files.ofBooking(bookingId, fileId)).chain(file -> {
            if (file == null || file.status == BriefFile.Status.ATTACHED) {
                return Uni.createFrom().item(file);
            }
            if (file.status == BriefFile.Status.DELETED) {
                return Uni.createFrom().failure(new FileConflict(FileConflict.Reason.FILE_DELETED,
                        "file " + fileId + " was deleted"));
            }
            String pendingKey = file.objectKey;
            String attachedKey = FileKeys.attached(file.tenantId, file.bookingId, file.id);
            return storage.head(pendingKey)
                    .invoke(arrived -> requireDeclared(file, arrived.orElse(null)))
                    .chain(() -> storage.copy(pendingKey, attachedKey))
                    .chain(() -> attach(caller, bookingId, fileId, attachedKey))
                    .call(() -> storage.delete(pendingKey).onFailure().recoverWithUni(failure -> {
                        // The bucket's lifecycle rule expires pending/ anyway.
                        LOG.warnf("could not remove the pending upload %s: %s", pendingKey, failure.toString());
                        return Uni.createFrom().voidItem();
                    }));
        });
    }

    /** The file with a presigned download if attached; null if absent for the caller or not attached. */
    public Uni<BriefFileView> download(TenantContext caller, UUID bookingId, UUID fileId) {
        return TenantTransactions.inTenant(caller, () -> files.ofBooking(bookingId, fileId))
                .map(file -> file == null || file.status != BriefFile.Status.ATTACHED ? null
                        : BriefFileView.of(file, FileViews.Download.of(storage.presignDownload(file.objectKey,
                        file.fileName))));
    }

    /**
     * An admin removes the file: the row stays as history (who, when), the object goes. Null if absent for the caller;
     * deleting again changes nothing.
     */
    public Uni<BriefFile> delete(TenantContext admin, UUID bookingId, UUID fileId) {
        return TenantTransactions.inTenant(admin, () -> files.lockOfBooking(bookingId, fileId).invoke(file -> {
                    if (file != null && file.status != BriefFile.Status.DELETED) {
                        file.status = BriefFile.Status.DELETED;
                        file.deletedBy = admin.userId().orElseThrow();
                        file.deletedAt = policy.now();
                    }
                }))
                .call(file -> file == null ? Uni.createFrom().voidItem() : storage.delete(file.objectKey));
    }

    private Uni<BriefFile> attach(TenantContext caller, UUID bookingId, UUID fileId, String attachedKey) {
        return TenantTransactions.inTenant(caller, () -> bookings.lockById(bookingId)
                .chain(booking -> files.lockOfBooking(bookingId, fileId).chain(file -> {
                    if (file.status != BriefFile.Status.PENDING) {
                        // A concurrent completion won (or an admin deleted it meanwhile): one event at most.
                        return Uni.createFrom().item(file);
                    }
                    file.status = BriefFile.Status.ATTACHED;
                    file.objectKey = attachedKey;
                    file.attachedAt = policy.now();
                    return Outbox.append(BriefFileEvents.attached(booking, file)).replaceWith(file);
                })));
    }

    private static void requireDeclared(BriefFile file, StoredObject arrived) {
        if (arrived == null) {
            throw new FileConflict(FileConflict.Reason.UPLOAD_MISSING,
                    "nothing arrived for file " + file.id + ": upload it to the presigned URL first");
        }
        List<String> differences = arrived.differencesFrom(declaration(file));
        if (!differences.isEmpty()) {
            throw new FileConflict(FileConflict.Reason.UPLOAD_MISMATCH,
                    "the uploaded object has " + String.join(", ", differences));
        }
    }

    private static FileDeclaration declaration(BriefFile file) {
        return new FileDeclaration(file.fileName, file.contentType, file.size, file.checksumSha256);
    }

    private BriefFile pending(TenantContext caller, Booking booking, int briefVersions, FileDeclaration declared) {
        BriefFile file = new BriefFile();
        file.id = UUID.randomUUID();
        file.tenantId = booking.tenantId;
        file.bookingId = booking.id;
        file.userId = booking.userId;
        file.briefVersion = briefVersions == 0 ? null : briefVersions;
        file.fileName = declared.fileName();
        file.contentType = declared.contentType();
        file.size = declared.size();
        file.checksumSha256 = declared.checksumSha256();
        file.objectKey = FileKeys.pending(booking.tenantId, booking.id, file.id);
        file.status = BriefFile.Status.PENDING;
        file.uploadedBy = caller.userId().orElseThrow();
        file.createdAt = policy.now();
        return file;
    }
}
