package io.quillspace.shared.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the store holds under a key, as a HEAD reports it. */
public record StoredObject(long size, String contentType, String checksumSha256) {

    /** How the object differs from what the client declared (empty when it is exactly the declared upload). */
    public List<String> differencesFrom(FileDeclaration declared) {
        List<String> differences = new ArrayList<>();
        if (size != declared.size()) {
            differences.add("size " + size + " instead of " + declared.size());
        }
        if (!declared.contentType().equals(contentType)) {
            differences.add("type " + contentType + " instead of " + declared.contentType());
        }
        if (declared.checksumSha256() != null && !Objects.equals(declared.checksumSha256(), checksumSha256)) {
            differences.add("a SHA-256 other than the declared one");
        }
        return differences;
    }
}
