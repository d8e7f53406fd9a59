package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quillspace.email.entity.EmailJob;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EmailJobRepository implements PanacheRepositoryBase<EmailJob, UUID> {

    /** Whether the booking already has a job of this kind (the unique constraint backs this check up). */
    public Uni<Boolean> existsFor(UUID bookingId, EmailJob.Kind kind) {
        return count("bookingId = ?1 and kind = ?2", bookingId, kind).map(count -> count > 0);
    }

    /** Cancels the booking's jobs that have not been sent; returns how many. */
    public Uni<Integer> cancelPending(UUID bookingId) {
        return update("status = ?1 where bookingId = ?2 and status = ?3", EmailJob.Status.CANCELLED, bookingId,
                EmailJob.Status.PENDING);
    }

    /** Ids of the bound tenant's due pending jobs, oldest first. */
    public Uni<List<UUID>> dueIds(Instant now, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select id from email_jobs where status = 'PENDING' and scheduled_for <= :now
                        order by scheduled_for, id limit :limit""", UUID.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** The job, locked, if it is still pending and due; null if another dispatcher holds it or it was handled. */
    public Uni<EmailJob> lockIfDue(UUID id, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select * from email_jobs where id = :id and status = 'PENDING' and scheduled_for <= :now
                        for update skip locked""", EmailJob.class)
                .setParameter("id", id)
                .setParameter("now", now)
                .getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }
}
