package io.quillspace.email.dispatch;

import io.quillspace.email.config.EmailConfig;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.entity.EmailJobHistoryEntry;
import io.quillspace.email.repository.AuditTrailRepository;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.email.sequence.EmailSequence;
import io.quillspace.email.sequence.QuietHours;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a studio admin does with the email jobs: list them, read one with its history, and send a failed one again. */
@ApplicationScoped
public class EmailJobAdmin {

    private final EmailJobRepository jobs;
    private final QuietHours quietHours;
    private final Clock clock;
    private final AuditTrailRepository audit;

    public EmailJobAdmin(EmailJobRepository jobs, EmailConfig config, Clock clock, AuditTrailRepository audit) {
        this.jobs = jobs;
        this.audit = audit;
        this.quietHours = QuietHours.of(config);
        this.clock = clock;
    }

    /** The tenant's jobs, newest first, optionally of one booking and in one status. */
    public Uni<List<EmailJob>> list(TenantContext caller, UUID bookingId, EmailJob.Status status, int page, int size) {
        return TenantTransactions.inTenant(caller, () -> jobs.list(caller.tenantId(), bookingId, status, page, size));
    }

    /** A job with its status changes, oldest first. */
    public record WithHistory(EmailJob job, List<EmailJobHistoryEntry> history) {
    }

    /** The job and its history; null when the tenant has no such job. */
    public Uni<WithHistory> find(TenantContext caller, UUID jobId) {
        return TenantTransactions.inTenant(caller, () -> jobs.findById(jobId).chain(job -> job == null
                ? Uni.createFrom().nullItem()
                : audit.ofJob(jobId).map(history -> new WithHistory(job, history))));
    }

    /** What an admin's retry of a job found. */
    public enum RetryResult { RETRIED, NOT_FOUND, NOT_FAILED }

    /**
     * Makes a FAILED job pending again with its attempts reset: due now, or for a follow-up at the end of the
     * recipient's quiet hours when an admin retries it during their night.
     */
    public Uni<RetryResult> retry(TenantContext caller, UUID jobId) {
        Instant now = clock.instant();
        return TenantTransactions.inTenant(caller, () -> jobs.findById(jobId).map(job -> {
            if (job == null) {
                return RetryResult.NOT_FOUND;
            }
            if (job.status != EmailJob.Status.FAILED) {
                return RetryResult.NOT_FAILED;
            }
            job.status = EmailJob.Status.PENDING;
            job.attempts = 0;
            job.scheduledFor = EmailSequence.sendableFrom(job.kind, job.context, now, quietHours);
            job.lockedUntil = null;
            job.updatedAt = now;
            return RetryResult.RETRIED;
        }));
    }
}
