package io.quillspace.email.template;

/**
 * An email could not be rendered from its template, and never will be from this template and data: a part renders past
 * the output bound, or the stored template is not one the sandbox accepts. Retrying cannot help; the message says
 * why, for the admin reading the job.
 */
public class TemplateRenderException extends RuntimeException {

    private final transient TemplatePart part;

    TemplateRenderException(TemplatePart part, String message) {
        super(message);
        this.part = part;
    }

    /** The part that failed; null when the template as a whole is refused. */
    TemplatePart part() {
        return part;
    }
}
