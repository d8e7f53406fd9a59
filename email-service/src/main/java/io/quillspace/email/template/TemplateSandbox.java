package io.quillspace.email.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelperFactory;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Qute engine every email template is compiled and rendered by, the built-in ones and a studio's alike. It is not
 * the application's engine and is built from nothing: no namespace resolvers ({@code config:}, {@code inject:},
 * {@code cdi:}, {@code str:}, {@code msg:} do not exist here), no reflection, no template locators. What it can resolve
 * is the template's data (the mapper resolver reads the data map and a loop's element), the view properties listed in
 * {@link TemplateVocabulary}, and {@code or}/{@code ?:}. Its sections are {@code if} and the bounded {@code for}/{@code
 * each}; any other section tag parses into an inert node that fails if rendered, so the validator can name each one
 * instead of the parser stopping at the first. HTML escaping is added by hand, as a bare builder has none.
 */
final class TemplateSandbox {

    /** The most a rendered part may take, in UTF-8 bytes. */
    static final long MAX_PART_BYTES = 256 * 1024;

    private final Engine engine = Engine.builder()
            .addSectionHelper(new IfSectionHelper.Factory())
            .addSectionHelper(new BoundedLoop())
            .computeSectionHelper(Refused::new)
            .addValueResolver(ValueResolvers.mapperResolver())
            .addValueResolver(ValueResolvers.orResolver())
            .addValueResolvers(TemplateVocabulary.resolvers().toArray(io.quarkus.qute.ValueResolver[]::new))
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            // As the application's engine is configured by default, so the built-in templates render as they did.
            .removeStandaloneLines(true)
            .strictRendering(true)
            .build();

    /** @throws TemplateException if the part does not compile */
    Template parse(String content, TemplatePart part) {
        return engine.parse(content, part.variant);
    }

    /**
     * Renders one part of an email.
     *
     * @throws TemplateRenderException if it renders past {@link #MAX_PART_BYTES}, or fails to render at all
     */
    String render(Template template, TemplatePart part, EmailTemplates.Data data) {
        OutputBudget budget = new OutputBudget(part, MAX_PART_BYTES);
        String rendered;
        try {
            rendered = template.data("meeting", data.meeting()).data("project", data.project())
                    .data("proposal", data.proposal()).data("delivery", data.delivery())
                    .data("unsubscribeUrl", data.unsubscribeUrl())
                    .data("studio", data.studio())
                    .setAttribute(OutputBudget.ATTRIBUTE, budget)
                    .render();
        } catch (RuntimeException failure) {
            throw renderFailure(part, failure);
        }
        budget.checkFinished(rendered);
        return rendered;
    }

    private static TemplateRenderException renderFailure(TemplatePart part, RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TemplateRenderException tooLarge) {
                return tooLarge;
            }
        }
        return new TemplateRenderException(part, "the " + part.label() + " part could not be rendered: " + failure.getMessage());
    }

    /** Any section tag this engine does not offer: it parses, so the validator can name it, and never renders. */
    private record Refused(String name) implements SectionHelperFactory<SectionHelper> {

        @Override
        public SectionHelper initialize(SectionInitContext context) {
            return section -> CompletableFuture.failedFuture(
                    new IllegalStateException("the section {#" + name + "} is not allowed in email templates"));
        }
    }
}
