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
