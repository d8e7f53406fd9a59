package io.quillspace.email.dispatch;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.entity.StudioProjection;
import io.quillspace.email.template.EmailTemplates;
import io.vertx.ext.mail.MailMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageBuilderTest {

    private static final String FROM = "QuillSpace <studio@quillspace.example>";
    private static final EmailTemplates.Rendered RENDERED = new EmailTemplates.Rendered("Subject", "<p>html</p>", "text");
    private static final Instant STAMP = Instant.parse("2030-06-01T08:00:00Z");

    @Test
    void aStudiosEmailsAreFromItsDisplayNameAtTheConfiguredAddressQuotedAndOnOneLine() {
        assertEquals(FROM, MessageBuilder.sender(FROM, Optional.empty()), "before the studio's first event");
        assertEquals("\"North\" <studio@quillspace.example>", MessageBuilder.sender(FROM,
                Optional.of(new StudioProjection("North", null, null, null, "active"))));
        assertEquals("\"Ink \\\"Editors\\\" \\\\ Co Bcc: x@y.example\" <studio@quillspace.example>",
                MessageBuilder.sender(FROM, Optional.of(new StudioProjection("Ink", "Ink \"Editors\" \\ Co\nBcc: x@y.example",
                        null, null, "active"))));
    }

    @Test
    void everyMessageCarriesTheJobsFixedMessageIdAndItsJobId() {
        EmailJob job = job(EmailJob.Kind.REMINDER_24H);

        MailMessage message = MessageBuilder.message(FROM, job, RENDERED, null, STAMP);

        assertEquals(job.messageId, message.getHeaders().get("Message-ID"));
        assertEquals(job.id.toString(), message.getHeaders().get(MessageBuilder.JOB_ID_HEADER));
        assertEquals(job.recipient, message.getTo().get(0));
        assertEquals("Subject", message.getSubject());
        assertNull(message.getHeaders().get("List-Unsubscribe"), "transactional mail has no unsubscribe link");
        assertNull(message.getAttachment(), "a reminder carries no invitation");
    }

    @Test
    void aNonTransactionalMessageOffersOneClickUnsubscribe() {
        MailMessage message = MessageBuilder.message(FROM, job(EmailJob.Kind.FOLLOW_UP), RENDERED,
                "https://api.quillspace.io/email/unsubscribe?t=1", STAMP);

        assertEquals("<https://api.quillspace.io/email/unsubscribe?t=1>", message.getHeaders().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", message.getHeaders().get("List-Unsubscribe-Post"));
    }

    @Test
    void aConfirmationInvitesAndACancellationCancelsTheCalendarEntryOrganizedByTheSender() {
        MailMessage invite = MessageBuilder.message(FROM, job(EmailJob.Kind.CONFIRMATION), RENDERED, null, STAMP);
        MailMessage cancel = MessageBuilder.message(FROM, job(EmailJob.Kind.CANCELLATION), RENDERED, null, STAMP);

        assertEquals("invite.ics", invite.getAttachment().get(0).getName());
        assertEquals("text/calendar; method=REQUEST; charset=UTF-8", invite.getAttachment().get(0).getContentType());
        String ics = invite.getAttachment().get(0).getData().toString();
        assertTrue(ics.contains("ORGANIZER:mailto:studio@quillspace.example\r\n"), ics);
        assertTrue(ics.contains("LOCATION:https://zoom.us/j/1\r\n"), ics);
        assertTrue(ics.contains("DTSTAMP:20300601T080000Z\r\n"), ics);
        assertEquals("cancel.ics", cancel.getAttachment().get(0).getName());
        assertTrue(cancel.getAttachment().get(0).getData().toString().contains("METHOD:CANCEL\r\n"));
    }

    private static EmailJob job(EmailJob.Kind kind) {
        EmailJob job = new EmailJob();
        job.id = UUID.randomUUID();
        job.kind = kind;
        job.recipient = "maria@example.org";
        job.messageId = EmailJob.messageIdFor(job.id);
        job.context = new EmailJob.MeetingContext("Maria", "Consultation", Instant.parse("2030-06-06T12:00:00Z"),
                Instant.parse("2030-06-06T12:45:00Z"), "Europe/Madrid", null, null,
                new EmailJob.Location("zoom", null, "https://zoom.us/j/1"), null, "b1@quillspace.email", 0, null, null, null);
        return job;
    }
}
