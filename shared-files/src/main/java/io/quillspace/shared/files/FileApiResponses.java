package io.quillspace.shared.files;

/** Descriptions of the file endpoints' operations and responses, the same in every service. */
public final class FileApiResponses {

    public static final String CONFLICT = "The upload is not there yet (upload-missing), is not what was declared "
            + "(upload-mismatch), or the file was deleted (file-deleted)";

    public static final String UPLOAD = "PUT the bytes to `url` with exactly `headers` before `expiresAt` (15 minutes); "
            + "the store refuses another length, type or checksum. Then call `complete`. At most 100 MiB; PDF, DOCX, ODT, "
            + "EPUB, RTF, TXT, Markdown, JPEG, PNG or WebP.";
    public static final String CREATED = "The presigned upload; Location names the file";
    public static final String DELETED = "Deleted: the object is gone, the file's record says who deleted it when";

    private FileApiResponses() {
    }
}
