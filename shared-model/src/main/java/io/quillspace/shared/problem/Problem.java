package io.quillspace.shared.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body, the one error shape every service answers with.
 *
 * @param type   stable URI naming the kind of error; clients switch on it
 * @param title  short summary of the kind
 * @param status HTTP status
 * @param detail what went wrong with this request, without secrets or personal data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://quillspace.io/problems/";

    /** A problem whose type is {@code https://quillspace.io/problems/<slug>}. */
    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail);
    }
}
