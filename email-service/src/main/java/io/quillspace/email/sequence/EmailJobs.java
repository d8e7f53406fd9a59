package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob;

import java.time.Instant;
import java.util.UUID;

/** A step of a sequence as the pending job the dispatcher sends when it is due. */
final class EmailJobs {

    private EmailJobs() {
    }

    static EmailJob pending(UUID tenantId, UUID bookingId, UUID userId, String recipient, EmailJob.MeetingContext context,
                            EmailSequence.Step step, Instant now) {
        EmailJob job = new EmailJob();
        job.id = UUID.randomUUID();
        job.tenantId = tenantId;
        job.bookingId = bookingId;
        job.userId = userId;
        job.kind = step.kind();
        job.status = EmailJob.Status.PENDING;
        job.recipient = recipient;
        job.context = context;
        job.scheduledFor = step.due();
        job.messageId = EmailJob.messageIdFor(job.id);
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }
}
