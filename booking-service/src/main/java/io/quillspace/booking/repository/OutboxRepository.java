package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quillspace.booking.entity.OutboxEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {

    /**
     * Makes this transaction the tenant's only relay until it ends, so events leave in the order they were written
     * even with several replicas or a sweep running beside a post-commit relay; false if another relay has it.
     */
    public Uni<Boolean> tryBecomeRelay(UUID tenantId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select pg_try_advisory_xact_lock(hashtext('booking-outbox'), hashtext(:tenant))", Boolean.class)
                .setParameter("tenant", tenantId.toString())
                .getSingleResult());
    }

    /**
     * The oldest pending events of the bound tenant, locked; rows another relay instance holds are skipped, so
     * replicas never publish the same event at once.
     */
    public Uni<List<OutboxEvent>> lockOldest(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select * from outbox_events order by created_at, id limit :limit for update skip locked""",
                        OutboxEvent.class)
                .setParameter("limit", limit)
                .getResultList());
    }
}
