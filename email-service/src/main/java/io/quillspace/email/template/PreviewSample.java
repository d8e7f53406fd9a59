package io.quillspace.email.template;

import io.quillspace.email.entity.EmailJob;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The sample data previews render with, and every studio template is tried with before it is stored: a video meeting,
 * a four-phase plan with its deliverables, and a proposal, as a real studio's would look.
 */
final class PreviewSample {

    private static final EmailJob.ProjectPlan PLAN = new EmailJob.ProjectPlan("The Salt Road",
            LocalDate.parse("2026-04-01"), List.of(
                    phase("Manuscript assessment", "2026-04-01", "2026-04-14", "Editorial letter", "Reader report"),
                    phase("Structural edit", "2026-04-15", "2026-05-15", "Annotated manuscript", "Revision plan"),
                    phase("Line edit", "2026-05-16", "2026-06-15", "Line-edited manuscript", "Style sheet"),
                    phase("Proofread", "2026-06-16", "2026-06-30", "Proofread manuscript", "Final files")));

    private static final EmailJob.ProposalSummary PROPOSAL = new EmailJob.ProposalSummary(
            "Developmental edit of The Salt Road", "4,800.00", "EUR", Instant.parse("2026-03-31T22:00:00Z"),
            "https://app.quillspace.io/consultations/sample");

    private static final EmailJob.MeetingContext MEETING = new EmailJob.MeetingContext("Maria Lopez",
            "Manuscript consultation (45 min)", Instant.parse("2026-03-14T09:00:00Z"), Instant.parse("2026-03-14T09:45:00Z"),
            "Europe/Madrid", "https://calendly.com/cancellations/SAMPLE", "https://calendly.com/reschedulings/SAMPLE",
            new EmailJob.Location("zoom", null, "https://zoom.us/j/123456789"), Instant.parse("2026-03-12T16:00:00Z"),
            UUID.nameUUIDFromBytes("sample".getBytes()) + "@quillspace.email", 0, PLAN, PROPOSAL,
            new EmailJob.DeliveredFile("The Salt Road", "Editorial letter", "Editorial letter (final).pdf"));

    private static final StudioView STUDIO = new StudioView("Ink & Quill Editors",
            "https://cdn.inkquill.example/logo.png");

    private PreviewSample() {
    }

    /** What an email of the kind shows in a preview: the sample, with an unsubscribe link where the kind has one. */
    static EmailTemplates.Data of(EmailJob.Kind kind) {
        return EmailTemplates.Data.of(MEETING, kind.transactional() ? null : "https://example.org/unsubscribe?token=sample",
                STUDIO);
    }

    private static EmailJob.PlanPhase phase(String name, String start, String end, String... deliverables) {
        return new EmailJob.PlanPhase(name, LocalDate.parse(start), LocalDate.parse(end), List.of(deliverables).stream()
                .map(deliverable -> new EmailJob.PlanDeliverable(deliverable, LocalDate.parse(end))).toList());
    }
}
