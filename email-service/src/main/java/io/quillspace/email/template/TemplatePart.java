package io.quillspace.email.template;

import io.quarkus.qute.Variant;

import java.util.Locale;
import java.util.function.Function;

/** The three parts of an email template, each compiled on its own: only the html part escapes for HTML. */
enum TemplatePart {
    SUBJECT(Variant.TEXT_PLAIN, EmailTemplates.Source::subject),
    HTML(Variant.TEXT_HTML, EmailTemplates.Source::html),
    TEXT(Variant.TEXT_PLAIN, EmailTemplates.Source::text);

    final Variant variant;
    private final Function<EmailTemplates.Source, String> content;

    TemplatePart(String mediaType, Function<EmailTemplates.Source, String> content) {
        this.variant = Variant.forContentType(mediaType);
        this.content = content;
    }

    String of(EmailTemplates.Source source) {
        return content.apply(source);
    }

    /** The part as problems name it: subject, html, text. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
