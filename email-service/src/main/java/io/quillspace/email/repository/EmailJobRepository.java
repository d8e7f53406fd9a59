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

    /** Due pending jobs of the bound tenant, locked; jobs another dispatcher holds are skipped. */
    public Uni<List<EmailJob>> lockDue(Instant now, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select * from email_jobs where status = 'PENDING' and scheduled_for <= :now
                        order by scheduled_for, id limit :limit for update skip locked""", EmailJob.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }
}
