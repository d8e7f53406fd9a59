package io.quillspace.shared.files;

import io.quillspace.shared.problem.Conflict;

/** Why a file request conflicts with the state of its upload (409). */
public final class FileConflicts {

    public static final Conflict.Reason UPLOAD_MISSING =
            new Conflict.Reason("upload-missing", "Nothing was uploaded for this file");
    public static final Conflict.Reason UPLOAD_MISMATCH =
            new Conflict.Reason("upload-mismatch", "The uploaded object is not what was declared");
    public static final Conflict.Reason FILE_DELETED = new Conflict.Reason("file-deleted", "The file was deleted");

    private FileConflicts() {
    }
}
