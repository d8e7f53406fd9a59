package io.quillspace.shared.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An RFC 9457 problem details body, the one error shape every service answers with.
 *
 * @param type   stable URI naming the kind of error; clients switch on it
 * @param title  short summary of the kind
 * @param status HTTP status
 * @param detail what went wrong with this request, without secrets or personal data
 * @param errors for an invalid request, every offending field with what is wrong with it; otherwise absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "RFC 9457 problem details: `type` is stable; `errors` lists the offending fields of an "
        + "invalid request")
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /** One offending field of a request: its name (a path such as {@code phases[0].name} when nested) and the rule. */
    public record FieldError(String field, String message) {
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://quillspace.io/problems/";

    /** A problem whose type is {@code https://quillspace.io/problems/<slug>}. */
    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }

    /** An invalid request (400) listing every offending field. */
    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.stream().map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
        return new Problem(TYPE_BASE + "invalid-request", "Invalid request", 400, detail, errors);
    }
}
