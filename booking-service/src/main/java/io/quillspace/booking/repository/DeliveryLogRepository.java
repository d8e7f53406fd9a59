package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.shared.messaging.RecordOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** The Calendly deliveries already processed, by delivery id: a redelivery finds its entry and changes nothing. */
@ApplicationScoped
public class DeliveryLogRepository {

    /** Unique key of the log; a concurrent duplicate violates it, and its retry then finds the entry. */
    public static final String UNIQUE_DELIVERY = "processed_delivery";

    public Uni<Boolean> isProcessed(UUID deliveryId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select exists (select 1 from processed_deliveries where delivery_id = :id)", Boolean.class)
                .setParameter("id", deliveryId)
                .getSingleResult());
    }

    /** Forgets the tenant's deliveries processed before {@code cutoff}; call inside a tenant transaction. */
    public Uni<Integer> purgeProcessedBefore(Instant cutoff) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from processed_deliveries where processed_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }

    public Uni<Void> record(UUID tenantId, UUID deliveryId, String event, RecordOutcome outcome) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into processed_deliveries (tenant_id, delivery_id, event, outcome)
                        values (:tenant, :id, :event, :outcome)""")
                .setParameter("tenant", tenantId)
                .setParameter("id", deliveryId)
                .setParameter("event", event)
                .setParameter("outcome", outcome.tag())
                .executeUpdate())
                .replaceWithVoid();
    }
}
