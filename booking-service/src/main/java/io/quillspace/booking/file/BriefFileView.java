package io.quillspace.booking.file;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quillspace.booking.entity.BriefFile;
import io.quillspace.shared.files.FileViews;

import java.time.Instant;
import java.util.UUID;

/**
 * A brief's file as the API shows it; {@code download} only on a read of an attached file.
 *
 * @param briefVersion the brief version current at upload; null when no brief had been submitted yet
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BriefFileView(UUID id, UUID consultationId, Integer briefVersion, String fileName, String contentType,
                            long size, String checksumSha256, BriefFile.Status status, UUID uploadedBy,
                            Instant createdAt, Instant attachedAt, UUID deletedBy, Instant deletedAt,
                            FileViews.Download download) {

    static BriefFileView of(BriefFile file, FileViews.Download download) {
        return new BriefFileView(file.id, file.bookingId, file.briefVersion, file.fileName, file.contentType, file.size,
                file.checksumSha256, file.status, file.uploadedBy, file.createdAt, file.attachedAt, file.deletedBy,
                file.deletedAt, download);
    }
}
