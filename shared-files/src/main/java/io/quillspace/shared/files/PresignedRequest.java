package io.quillspace.shared.files;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A request the client sends straight to the object store: this method on this URL with exactly these headers,
 * before {@code expiresAt}. The store refuses it if any signed header differs.
 */
public record PresignedRequest(URI url, String method, Map<String, String> headers, Instant expiresAt) {
}
