package io.quillspace.shared.files;

import java.util.List;
import java.util.UUID;

/**
 * Object keys, made by us from ids only (never from a file name): {@code <tenant>/<owner>/<file>} once attached, and
 * the same under {@code pending/} until the upload is completed. The bucket's lifecycle rule expires {@code pending/}
 * after a day, so an upload that is never completed costs nothing for long.
 */
public final class FileKeys {

    public static final String PENDING_PREFIX = "pending/";

    private FileKeys() {
    }

    public static String pending(UUID tenant, UUID owner, UUID file) {
        return PENDING_PREFIX + attached(tenant, owner, file);
    }

    public static String attached(UUID tenant, UUID owner, UUID file) {
        return tenant + "/" + owner + "/" + file;
    }

    /**
     * Both places a file's object may be, given its {@code objectKey} in either form: the pending upload (left over when
     * its removal after completion failed) and the attached copy (written by a completion racing an erasure), pending
     * first, so a copy made from it before its deletion is still found at the attached key.
     */
    public static List<String> everyCopy(String objectKey) {
        String attached = objectKey.startsWith(PENDING_PREFIX) ? objectKey.substring(PENDING_PREFIX.length()) : objectKey;
        return List.of(PENDING_PREFIX + attached, attached);
    }
}
