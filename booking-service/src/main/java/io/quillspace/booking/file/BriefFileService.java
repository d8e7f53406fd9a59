package io.quillspace.booking.file;

import io.quillspace.booking.common.ConsultationPolicy;
import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BriefFile;
import io.quillspace.booking.repository.BookingRepository;
import io.quillspace.booking.repository.BriefFileRepository;
import io.quillspace.booking.repository.ProjectBriefRepository;
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

import java.util.UUID;

/**
 * Files of a consultation's brief. The client (or an admin) declares a file and gets a presigned upload; completing it
 * checks what arrived, moves it out of {@code pending/} and raises {@code brief.file-attached}. Every read and write runs
 * as the caller, so Row-Level Security hides another client's or studio's files (null here, 404 at the API).
 */
@ApplicationScoped
public class BriefFileService {

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
                        .chain(versions -> files.persist(declared(caller, booking, versions.intValue(), declared)))))
                .map(file -> file == null ? null : storage.presignUpload(file));
    }

    /**
     * Checks the uploaded object against the declaration and attaches it; null if the caller may not see the file.
     * Completing an attached file again answers the same and raises nothing.
     */
    public Uni<BriefFile> complete(TenantContext caller, UUID bookingId, UUID fileId) {
        return TenantTransactions.inTenant(caller, () -> files.ofBooking(bookingId, fileId))
                .chain(file -> storage.complete(file, found -> FileKeys.attached(found.tenantId, found.bookingId, found.id),
                        attachedKey -> attach(caller, bookingId, fileId, attachedKey)));
    }

    /** The file with a presigned download if attached; null if absent for the caller or not attached. */
    public Uni<BriefFileView> download(TenantContext caller, UUID bookingId, UUID fileId) {
        return TenantTransactions.inTenant(caller, () -> files.ofBooking(bookingId, fileId))
                .map(file -> file == null || file.status != StoredFile.Status.ATTACHED ? null
                        : BriefFileView.of(file, storage.withDownload(file)));
    }

    /** An admin removes the file: the row stays as history, the object goes. Null if absent for the caller. */
    public Uni<BriefFile> delete(TenantContext admin, UUID bookingId, UUID fileId) {
        return TenantTransactions.inTenant(admin, () -> files.lockOfBooking(bookingId, fileId)
                        .invoke(file -> {
                            if (file != null) {
                                file.delete(admin.userId().orElseThrow(), policy.now());
                            }
                        }))
                .call(file -> file == null ? Uni.createFrom().voidItem() : storage.delete(file.objectKey));
    }

    private Uni<BriefFile> attach(TenantContext caller, UUID bookingId, UUID fileId, String attachedKey) {
        return TenantTransactions.inTenant(caller, () -> bookings.lockById(bookingId)
                .chain(booking -> files.lockOfBooking(bookingId, fileId).chain(file -> file.attach(attachedKey, policy.now())
                        ? Outbox.append(BriefFileEvents.attached(booking, file)).replaceWith(file)
                        // A concurrent completion won (or an admin deleted it meanwhile): one event at most.
                        : Uni.createFrom().item(file))));
    }

    private BriefFile declared(TenantContext caller, Booking booking, int briefVersions, FileDeclaration declared) {
        BriefFile file = new BriefFile();
        file.declare(booking.tenantId, booking.id, booking.userId, declared, caller.userId().orElseThrow(), policy.now());
        file.bookingId = booking.id;
        file.briefVersion = briefVersions == 0 ? null : briefVersions;
        return file;
    }
}
