package io.quillspace.shared.files;

/** A file request the upload's state does not allow (409); {@link Reason#slug()} is the problem type's name. */
public class FileConflict extends RuntimeException {

    public enum Reason {
        UPLOAD_MISSING("upload-missing", "Nothing was uploaded for this file"),
        UPLOAD_MISMATCH("upload-mismatch", "The uploaded object is not what was declared"),
        FILE_DELETED("file-deleted", "The file was deleted");

        private final String slug;
        private final String title;

        Reason(String slug, String title) {
            this.slug = slug;
            this.title = title;
        }

        public String slug() {
            return slug;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;

    public FileConflict(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
