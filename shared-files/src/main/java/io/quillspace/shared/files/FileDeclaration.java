package io.quillspace.shared.files;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.Set;

/**
 * What a client declares before uploading: the upload is then signed for exactly this size, type and checksum.
 *
 * @param fileName       the name as the user gave it: kept as data, never part of an object key; PostgreSQL text
 *                       cannot hold NUL, and no control character belongs in a file name
 * @param checksumSha256 optional base64 SHA-256 of the content; the store then refuses other bytes
 */
public record FileDeclaration(
        @NotBlank @Size(max = 255) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters")
        String fileName,
        @NotNull String contentType,
        @Positive @Max(value = MAX_SIZE, message = "must be at most 100 MiB") long size,
        @Pattern(regexp = "[A-Za-z0-9+/]{43}=", message = "must be a base64 SHA-256") String checksumSha256) {

    public static final long MAX_SIZE = 100L * 1024 * 1024;

    /** Manuscripts and their formats, and images for covers. */
    public static final Set<String> CONTENT_TYPES = Set.of(
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text",
            "application/epub+zip",
            "application/rtf",
            "text/plain",
            "text/markdown",
            "image/jpeg",
            "image/png",
            "image/webp");

    /** Reported as field {@code contentTypeAllowed}. */
    @AssertTrue(message = "contentType must be one of PDF, DOCX, ODT, EPUB, RTF, TXT, Markdown, JPEG, PNG, WebP")
    public boolean isContentTypeAllowed() {
        return contentType == null || CONTENT_TYPES.contains(contentType);
    }
}
