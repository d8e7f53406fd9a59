package io.quillspace.email.dispatch;

import io.quillspace.email.entity.EmailJob;

import java.time.Instant;
import java.util.UUID;

/** An email job as admins see it. */
public record EmailJobView(UUID id, UUID bookingId, String kind, String status, String recipient,
                           Instant scheduledFor, int attempts, String lastError, Instant sentAt, String messageId,
                           String smtpResponse) {

    static EmailJobView of(EmailJob job) {
        return new EmailJobView(job.id, job.bookingId, job.kind.name(), job.status.name(), job.recipient,
                job.scheduledFor, job.attempts, job.lastError, job.sentAt, job.messageId, job.smtpResponse);
    }
}
