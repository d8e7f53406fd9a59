package io.quillspace.shared.files;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The JSON the file endpoints of every service answer with. */
public final class FileViews {

    private FileViews() {
    }

    /** Where and how to upload: send exactly {@code headers} with the body, before {@code expiresAt}. */
    public record Upload(UUID fileId, String url, String method, Map<String, String> headers, Instant expiresAt) {

        public static Upload of(UUID fileId, PresignedRequest request) {
            return new Upload(fileId, request.url().toString(), request.method(), request.headers(), request.expiresAt());
        }
    }

    /** A file as the API shows it; {@code download} only on a read of an attached file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record File(UUID id, String fileName, String contentType, long size, String checksumSha256,
                       StoredFile.Status status, UUID uploadedBy, Instant createdAt, Instant attachedAt, UUID deletedBy,
                       Instant deletedAt, Download download) {

        public static File of(StoredFile file, Download download) {
            return new File(file.id, file.fileName, file.contentType, file.size, file.checksumSha256, file.status,
                    file.uploadedBy, file.createdAt, file.attachedAt, file.deletedBy, file.deletedAt, download);
        }
    }

    /** Where to download from, before {@code expiresAt}; the store answers with {@code Content-Disposition: attachment}. */
    public record Download(String url, Instant expiresAt) {

        public static Download of(PresignedRequest request) {
            return new Download(request.url().toString(), request.expiresAt());
        }
    }
}
