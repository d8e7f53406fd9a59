package io.quillspace.email.template;

import io.quillspace.email.entity.EmailJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateValidatorTest {

    private final TemplateCompiler compiler = new TemplateCompiler();

    @ParameterizedTest
    @EnumSource(EmailJob.Kind.class)
    void everyBuiltInTemplatePasses(EmailJob.Kind kind) {
        assertEquals(List.of(), compiler.problems(kind, new EmailTemplates(null).builtIn(kind)));
    }

    @Test
    void whatTheBuiltInsUseIsAllowed() {
        assertAllowed(EmailJob.Kind.KICKOFF, """
                {meeting.inviteeName ?: 'writer'} {meeting.eventName or meeting.inviteeName} {project.name}
                {#for phase in project.phases}{phase_count}. {phase.name}{#if phase.deliverables && phase_hasNext}
                {#each phase.deliverables}{it.name}, due {it.due}{/each}{#else}none{/if}{/for}""");
        assertAllowed(EmailJob.Kind.FOLLOW_UP, "{#if unsubscribeUrl}{unsubscribeUrl}{/if}");
        assertAllowed(EmailJob.Kind.PROPOSAL_SENT, "{#if proposal.price == '0'}free{#else if proposal.url}{proposal.url}{/if}");
        for (EmailJob.Kind kind : EmailJob.Kind.values()) {
            assertAllowed(kind, "{#if studio.logoUrl}<img src=\"{studio.logoUrl}\">{/if}{studio.name ?: 'QuillSpace'}");
        }
    }

    @Test
    void theStudioOffersOnlyItsNameAndLogo() {
        assertRefused(EmailJob.Kind.CONFIRMATION, "{studio.replyTo}", "unknown property 'replyTo'");
        assertRefused(EmailJob.Kind.CONFIRMATION, "{studio}", "'studio' is not a text value");
    }

    @Test
    void aConfigValueNestedInAFallbackIsRefused() {
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting.address.or(config:['quarkus.datasource.password'])}",
                "line 1: the namespace 'config:' is not available in templates in {config:quarkus.datasource.password}");
    }

    @Test
    void aFallbackTakesOnlyALiteralOrAProperty() {
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting.address.or(meeting.inviteeName.repeat(9))}",
                "the argument of 'or' must be a literal or a property");
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting.or('x')}", "the method call 'or('x')' is not allowed");
    }

    @Test
    void methodsAreRefusedWithOrWithoutArguments() {
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting.getClass()}", "the method call 'getClass()' is not allowed");
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting.inviteeName.repeat(100000000)}",
                "the method call 'repeat(100000000)' is not allowed");
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting.inviteeName.toString()}", "'toString()' is not allowed");
    }

    @Test
    void problemsInsideARefusedMethodsArgumentsAreNamedToo() {
        List<TemplateProblem> problems = problems(EmailJob.Kind.CONFIRMATION,
                "{meeting.inviteeName.concat(inject:secrets.all, cdi:vault.key)}");
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.toString().contains("'inject:'") && problems.toString().contains("'cdi:'"), problems.toString());
    }

    @Test
    void loopsGoOnlyOverTheViewsOwnCollections() {
        assertRefused(EmailJob.Kind.KICKOFF, "{#for i in 3}x{/for}", "loops may only go over the view's own collections");
        assertRefused(EmailJob.Kind.KICKOFF, "{#each meeting.inviteeName}{it}{/each}",
                "not over 'meeting.inviteeName'");
        assertRefused(EmailJob.Kind.KICKOFF, "{#for p in project}{p}{/for}", "not over 'project'");
    }

    @Test
    void aLoopsElementAndMetadataExistOnlyInsideIt() {
        assertRefused(EmailJob.Kind.KICKOFF, "{#for phase in project.phases}{/for}{phase.name}",
                "unknown variable 'phase'");
        assertRefused(EmailJob.Kind.KICKOFF, "{#for phase in project.phases}{phase_secret}{/for}",
                "unknown variable 'phase_secret'");
    }

    @Test
    void rawOutputIsRefused() {
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting.inviteeName.raw}", "'raw' output is refused");
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting.inviteeName.safe}", "'safe' output is refused");
    }

    @Test
    void onlyIfForAndEachSectionsAreAllowedAndEachOtherIsNamed() {
        List<TemplateProblem> problems = problems(EmailJob.Kind.CONFIRMATION, """
                {#include base /}{#insert body}x{/insert}{#eval meeting.inviteeName /}{#let a=1}{a}{/let}
                {#set b=2}{/set}{#fragment id=f}y{/fragment}{#with meeting}{inviteeName}{/with}""");
        for (String section : List.of("include", "insert", "eval", "let", "set", "fragment", "with")) {
            assertTrue(problems.toString().contains("the section {#" + section + "} is not allowed"),
                    section + " not named in " + problems);
        }
    }

    @Test
    void eachKindOffersOnlyTheRootsItsEmailsFill() {
        assertRefused(EmailJob.Kind.CONFIRMATION, "{project.name}", "unknown variable 'project'");
        assertRefused(EmailJob.Kind.CONFIRMATION, "{unsubscribeUrl}", "unknown variable 'unsubscribeUrl'");
        assertRefused(EmailJob.Kind.KICKOFF, "{proposal.title}", "unknown variable 'proposal'");
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting.shoeSize}", "unknown property 'shoeSize'");
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting.inviteeName.length}", "unknown property 'length'");
    }

    @Test
    void aViewIsShownOnlyThroughItsProperties() {
        assertRefused(EmailJob.Kind.CONFIRMATION, "{meeting}", "'meeting' is not a text value");
    }

    @Test
    void everyProblemOfEveryPartIsNamedWithItsPartAndLine() {
        List<TemplateProblem> problems = compiler.problems(EmailJob.Kind.CONFIRMATION, new EmailTemplates.Source(
                "Hi {meeting.shoeSize}", "<p>\n{config:quarkus.datasource.password}</p>{#if meeting.day}unclosed",
                "{booking.secret} {meeting.getClass()}"));
        assertEquals(List.of("subject line 1: unknown property 'shoeSize' in {meeting.shoeSize}",
                        "html: does not compile"),
                problems.subList(0, 2).stream().map(problem -> problem.toString().split(": Parser error")[0]
                        .replaceAll("compile.*", "compile")).toList());
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(2).toString().startsWith("text line 1: unknown variable 'booking'"));
        assertTrue(problems.get(3).toString().startsWith("text line 1: the method call 'getClass()'"));
    }

    private void assertAllowed(EmailJob.Kind kind, String html) {
        assertEquals(List.of(), problems(kind, html));
    }

    private void assertRefused(EmailJob.Kind kind, String html, String named) {
        List<TemplateProblem> problems = problems(kind, html);
        assertTrue(problems.stream().anyMatch(problem -> problem.toString().contains(named)),
                "expected a problem naming \"" + named + "\", got " + problems);
    }

    private List<TemplateProblem> problems(EmailJob.Kind kind, String html) {
        return compiler.problems(kind, new EmailTemplates.Source("Subject", html, "Text"));
    }
}
