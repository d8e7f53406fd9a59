package io.quillspace.email.dispatch;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Who may send a job. A claim marks a batch of due jobs with a fresh token and a lease, in a short transaction, so no
 * row lock is held while SMTP talks; a job whose lease ran out may be claimed again under a new token. Before its SMTP
 * hand-off each job's claim is confirmed and renewed in one conditional statement, and its outcome is written only
 * while the token is still this claim's: a job claimed away meanwhile is skipped, never sent twice.
 */
public final class JobClaims {

    private final EmailJobRepository jobs;
    private final Clock clock;
    private final Duration lease;

    JobClaims(EmailJobRepository jobs, Clock clock, Duration lease) {
        this.jobs = jobs;
        this.clock = clock;
        this.lease = lease;
    }

    /** Claims up to {@code limit} of the tenant's due jobs; each carries the claim's token. */
    public Uni<List<EmailJob>> claim(UUID tenantId, int limit) {
        Instant now = clock.instant();
        return TenantTransactions.inTenant(TenantContext.service(tenantId),
                () -> jobs.claimDue(now, now.plus(lease), UUID.randomUUID(), limit));
    }

    /** Renews the job's claim for one more lease from now; false if the claim is gone and the job must not be sent. */
    public Uni<Boolean> confirm(EmailJob job) {
        Instant now = clock.instant();
        return TenantTransactions.inTenant(TenantContext.service(job.tenantId),
                () -> jobs.renewClaim(job.id, job.claimToken, now, now.plus(lease)));
    }

    /** Applies {@code outcome} to the job and releases it, if the claim still holds; false if another worker has it. */
    public Uni<Boolean> settle(EmailJob job, Consumer<EmailJob> outcome) {
        return TenantTransactions.inTenant(TenantContext.service(job.tenantId),
                () -> jobs.lockClaimed(job.id, job.claimToken).map(claimed -> {
                    if (claimed == null) {
                        return false;
                    }
                    claimed.lockedUntil = null;
                    claimed.claimToken = null;
                    claimed.updatedAt = clock.instant();
                    outcome.accept(claimed);
                    return true;
                }));
    }
}
