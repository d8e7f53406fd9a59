package io.quillspace.email.template;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quillspace.email.entity.EmailJob;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a template's three parts into something the sandbox renders, once each part has been checked against what
 * its kind offers; renders it within the output bound. Pure: no I/O, no CDI.
 */
final class TemplateCompiler {

    /** A template whose parts all passed the validator. */
    record Compiled(Map<TemplatePart, Template> parts) {
    }

    private final TemplateSandbox sandbox = new TemplateSandbox();

    /** Every problem of the template as a template of the kind: parts that do not compile, and what the validator refuses. */
    List<TemplateProblem> problems(EmailJob.Kind kind, EmailTemplates.Source source) {
        List<TemplateProblem> problems = new ArrayList<>();
        for (TemplatePart part : TemplatePart.values()) {
            try {
                problems.addAll(TemplateValidator.problems(sandbox.parse(part.of(source), part), part,
                        TemplateVocabulary.roots(kind)));
            } catch (TemplateException e) {
                problems.add(new TemplateProblem(part, 0, "does not compile: " + e.getMessage()));
            }
        }
        return problems;
    }

    /** @throws InvalidTemplateException naming every problem of the template */
    Compiled compile(EmailJob.Kind kind, EmailTemplates.Source source) {
        List<TemplateProblem> problems = problems(kind, source);
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException(problems);
        }
        Map<TemplatePart, Template> parts = new EnumMap<>(TemplatePart.class);
        for (TemplatePart part : TemplatePart.values()) {
            parts.put(part, sandbox.parse(part.of(source), part));
        }
        return new Compiled(parts);
    }

    /** @throws TemplateRenderException if a part renders past the bound */
    EmailTemplates.Rendered render(Compiled template, EmailTemplates.Data data) {
        return new EmailTemplates.Rendered(
                sandbox.render(template.parts().get(TemplatePart.SUBJECT), TemplatePart.SUBJECT, data).strip(),
                sandbox.render(template.parts().get(TemplatePart.HTML), TemplatePart.HTML, data),
                sandbox.render(template.parts().get(TemplatePart.TEXT), TemplatePart.TEXT, data));
    }
}
