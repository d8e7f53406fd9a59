package io.quillspace.shared.files;

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

    /** Where to download from, before {@code expiresAt}; the store answers with {@code Content-Disposition: attachment}. */
    public record Download(String url, Instant expiresAt) {

        public static Download of(PresignedRequest request) {
            return new Download(request.url().toString(), request.expiresAt());
        }
    }
}
