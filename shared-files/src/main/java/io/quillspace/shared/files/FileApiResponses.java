package io.quillspace.shared.files;

/** Descriptions of the file endpoints' problem responses, the same in every service. */
public final class FileApiResponses {

    public static final String CONFLICT = "The upload is not there yet (upload-missing), is not what was declared "
            + "(upload-mismatch), or the file was deleted (file-deleted)";

    private FileApiResponses() {
    }
}
