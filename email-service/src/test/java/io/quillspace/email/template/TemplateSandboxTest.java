package io.quillspace.email.template;

import io.quillspace.email.entity.EmailJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateSandboxTest {

    private static final EmailTemplates.Data HOSTILE_NAME = new EmailTemplates.Data(
            new EmailView("<script>alert('x')</script> & co", null, null, null, null, "UTC", null, null, null, null, null,
                    null, null), null, null, null, null, StudioView.UNKNOWN);

    private final TemplateSandbox sandbox = new TemplateSandbox();

    @Test
    void theHtmlPartEscapesEveryValueAndThePlainPartsShowThemAsTheyAre() {
        assertEquals("<b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</b>",
                render("<b>{meeting.inviteeName}</b>", TemplatePart.HTML, HOSTILE_NAME));
        assertEquals("<script>alert('x')</script> & co", render("{meeting.inviteeName}", TemplatePart.TEXT, HOSTILE_NAME));
    }

    @Test
    void aStudiosLogoIsAnEscapedImageAndNoLogoMeansNoImage() {
        String header = new EmailTemplates(null).builtIn(EmailJob.Kind.CONFIRMATION).html();
        EmailTemplates.Data branded = new EmailTemplates.Data(HOSTILE_NAME.meeting(), null, null, null, null,
                new StudioView("<b>Ink</b>", "https://cdn.example/l.png?a=1&b=\"><script>"));
        String html = render(header, TemplatePart.HTML, branded);
        assertTrue(html.contains("<img src=\"https://cdn.example/l.png?a=1&amp;b=&quot;&gt;&lt;script&gt;\" "
                + "alt=\"&lt;b&gt;Ink&lt;/b&gt;\""), html);
        assertFalse(render(header, TemplatePart.HTML, HOSTILE_NAME).contains("<img"));
    }

    @Test
    void aFallbackFillsAnAbsentValue() {
        assertEquals("consultation", render("{meeting.eventName ?: 'consultation'}", TemplatePart.TEXT, HOSTILE_NAME));
    }

    @Test
    void nothingButTheViewCanBeReachedEvenWithoutTheValidator() {
        for (String hostile : new String[] {"{config:quarkus.datasource.password}", "{inject:vault.secret}",
                "{meeting.getClass()}", "{meeting.inviteeName.repeat(3)}", "{#include other /}", "{#eval 'x' /}",
                "{meeting.inviteeName.raw}"}) {
            assertThrows(TemplateRenderException.class, () -> render(hostile, TemplatePart.HTML, HOSTILE_NAME), hostile);
        }
    }

    @Test
    void nestedLoopsThatWouldRenderFarPastTheBoundStopAtTheFirstIterationPastIt() {
        // 4 phases nested 14 deep is 4^14 (268 million) iterations: only stopping early can finish.
        String hostile = "{#for a in project.phases}".repeat(14) + "{meeting.inviteeName}" + "{/for}".repeat(14);
        TemplateRenderException tooLarge = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                TemplateRenderException.class, () -> render(hostile, TemplatePart.HTML, PreviewSample.of(EmailJob.Kind.KICKOFF))));
        assertEquals("the html part renders past 256 KiB; an email part may be at most that large", tooLarge.getMessage());
    }

    @Test
    void outputOutsideLoopsIsBoundToo() {
        String template = "{meeting.inviteeName}".repeat(4_000);
        EmailTemplates.Data longName = new EmailTemplates.Data(new EmailView("n".repeat(70), null, null, null, null, "UTC",
                null, null, null, null, null, null, null), null, null, null, null, StudioView.UNKNOWN);
        assertThrows(TemplateRenderException.class, () -> render(template, TemplatePart.TEXT, longName));
    }

    @Test
    void aPartJustUnderTheBoundRenders() {
        String body = "x".repeat(1_000);
        String template = "{#for phase in project.phases}{#for d in phase.deliverables}" + body + "{/for}{/for}";
        String rendered = render(template.repeat(30), TemplatePart.TEXT, PreviewSample.of(EmailJob.Kind.KICKOFF));
        assertEquals(240_000, rendered.length());
    }

    @Test
    void theBoundCountsUtf8Bytes() {
        assertEquals(1 + 2 + 3 + 4, OutputBudget.utf8Length("a\u00e9\u20ac\uD83D\uDE00"));
    }

    @Test
    void theBuiltInKickoffListsEveryPhaseAndDeliverable() {
        EmailTemplates.Source kickoff = new EmailTemplates(null).builtIn(EmailJob.Kind.KICKOFF);
        String text = render(kickoff.text(), TemplatePart.TEXT, PreviewSample.of(EmailJob.Kind.KICKOFF));
        assertTrue(text.contains("4. Proofread: Tuesday 16 June 2026 to Tuesday 30 June 2026"), text);
        assertTrue(text.contains("   - Style sheet, due Monday 15 June 2026"), text);
        assertFalse(text.contains("null"), text);
    }

    private String render(String template, TemplatePart part, EmailTemplates.Data data) {
        return sandbox.render(sandbox.parse(template, part), part, data);
    }
}
