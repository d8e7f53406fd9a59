package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quillspace.email.entity.EmailJob;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Email jobs of the bound tenant. */
@ApplicationScoped
public class EmailJobRepository implements PanacheRepositoryBase<EmailJob, UUID> {

    /** The unique key that makes a booking's emails one per kind; a concurrent duplicate event may hit it. */
    public static final String ONE_PER_KIND = "email_job_per_booking_kind";

    /**
     * Adds the job unless the booking already has one of its kind; true if added. A concurrent duplicate is stopped by
     * {@link #ONE_PER_KIND}, and its retry then finds the job.
     */
    public Uni<Boolean> addIfAbsent(EmailJob job) {
        return (job.subjectId == null ? count("bookingId = ?1 and kind = ?2 and subjectId is null", job.bookingId, job.kind)
                : count("bookingId = ?1 and kind = ?2 and subjectId = ?3", job.bookingId, job.kind, job.subjectId))
                .chain(existing -> existing > 0 ? Uni.createFrom().item(false) : persist(job).replaceWith(true));
    }

    /** The bound tenant's jobs of these bookings, locked until the transaction ends. */
    public Uni<List<EmailJob>> lockOfBookings(Collection<UUID> bookingIds) {
        return find("bookingId in ?1", bookingIds).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * Claims the bound tenant's oldest due jobs under {@code token} until {@code lease}: rows another worker is locking
     * are skipped, and a job whose lease ran out (its worker crashed or fell behind) is due again, under a new token.
     * A suspended studio's jobs are held: none is claimed until it is resumed, when the next pass sends them.
     */
    public Uni<List<EmailJob>> claimDue(Instant now, Instant lease, UUID token, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select * from email_jobs
                        where status = 'PENDING' and scheduled_for <= :now and (locked_until is null or locked_until < :now)
                          and not exists (select 1 from studios where studios.tenant_id = email_jobs.tenant_id
                                          and studios.status = 'suspended')
                        order by scheduled_for, id limit :limit for update skip locked""", EmailJob.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList())
                .invoke(jobs -> jobs.forEach(job -> {
                    job.lockedUntil = lease;
                    job.claimToken = token;
                    job.updatedAt = now;
                }));
    }

    /**
     * Extends the job's claim to {@code lease} in one statement if {@code token} still holds it; false if another claim
     * took it (or it was settled) meanwhile. A lease that ran out with nobody claiming again is still this token's.
     */
    public Uni<Boolean> renewClaim(UUID id, UUID token, Instant now, Instant lease) {
        return update("lockedUntil = :lease, updatedAt = :now where id = :id and claimToken = :token and status = :pending",
                Parameters.with("lease", lease).and("now", now).and("id", id).and("token", token)
                        .and("pending", EmailJob.Status.PENDING))
                .map(updated -> updated == 1);
    }

    /** The job as claimed under {@code token}, locked for this transaction; null if the claim was lost meanwhile. */
    public Uni<EmailJob> lockClaimed(UUID id, UUID token) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select * from email_jobs where id = :id and status = 'PENDING' and claim_token = :token
                        for update""", EmailJob.class)
                        .setParameter("id", id)
                        .setParameter("token", token)
                        .getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** The tenant's jobs, newest first, optionally of one booking and in one status. */
    public Uni<List<EmailJob>> list(UUID tenantId, UUID bookingId, EmailJob.Status status, int page, int size) {
        StringBuilder query = new StringBuilder("tenantId = :tenant");
        Parameters parameters = Parameters.with("tenant", tenantId);
        if (bookingId != null) {
            query.append(" and bookingId = :booking");
            parameters.and("booking", bookingId);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return find(query.toString(), Sort.by("createdAt", Sort.Direction.Descending).and("id"), parameters)
                .page(page, size).list();
    }

    /** Pending jobs and the due time of the oldest due one, for the bound tenant. */
    public Uni<Object[]> backlog(Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select count(*), min(scheduled_for) filter (where scheduled_for <= :now)
                        from email_jobs where status = 'PENDING'""", Object[].class)
                .setParameter("now", now)
                .getSingleResult());
    }
}
