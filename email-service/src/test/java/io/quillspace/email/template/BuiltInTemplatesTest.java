package io.quillspace.email.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.ValueResolver;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.email.entity.EmailJob;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The built-in templates render through the sandbox exactly as through the application's own Qute engine, which
 * rendered them before the sandbox (given the same view resolvers, which the application's engine lacks now that the
 * views carry no {@code @TemplateData}).
 */
@QuarkusTest
class BuiltInTemplatesTest {

    @Inject
    Engine application;

    private final TemplateCompiler compiler = new TemplateCompiler();

    @ParameterizedTest
    @EnumSource(EmailJob.Kind.class)
    void everyPartRendersAsTheApplicationsEngineRendersIt(EmailJob.Kind kind) {
        Engine before = application.newBuilder()
                .addValueResolvers(TemplateVocabulary.resolvers().toArray(ValueResolver[]::new)).build();
        EmailTemplates.Source source = new EmailTemplates(null).builtIn(kind);
        EmailTemplates.Data data = PreviewSample.of(kind);

        EmailTemplates.Rendered sandboxed = compiler.render(compiler.compile(kind, source), data);

        assertEquals(render(before, source, TemplatePart.SUBJECT, data).strip(), sandboxed.subject());
        assertEquals(render(before, source, TemplatePart.HTML, data), sandboxed.html());
        assertEquals(render(before, source, TemplatePart.TEXT, data), sandboxed.text());
    }

    private static String render(Engine engine, EmailTemplates.Source source, TemplatePart part, EmailTemplates.Data data) {
        return engine.parse(part.of(source), part.variant).data("meeting", data.meeting()).data("project", data.project())
                .data("proposal", data.proposal()).data("delivery", data.delivery())
                .data("unsubscribeUrl", data.unsubscribeUrl()).data("studio", data.studio()).render();
    }
}
