package io.quillspace.booking.calendly;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.shared.messaging.RecordOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The Calendly deliveries already processed, by delivery id: a redelivery finds its entry and changes nothing. */
@ApplicationScoped
public class DeliveryLogRepository {

    /** Unique key of the log; a concurrent duplicate violates it, and its retry then finds the entry. */
    public static final String UNIQUE_DELIVERY = "processed_delivery";

    /** Which of these deliveries the bound tenant has processed before. */
    public Uni<Set<UUID>> processedAmong(Collection<UUID> deliveryIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select delivery_id from processed_deliveries where delivery_id in (:ids)", UUID.class)
                .setParameter("ids", deliveryIds)
                .getResultList())
                .map(Set::copyOf);
    }

    /** Forgets the tenant's deliveries processed before {@code cutoff}; call inside a tenant transaction. */
    public Uni<Integer> purgeProcessedBefore(Instant cutoff) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from processed_deliveries where processed_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }

    /** One processed delivery and what became of it. */
    public record Entry(UUID deliveryId, String event, RecordOutcome outcome) {
    }

    /** Logs the tenant's processed deliveries in one statement. */
    public Uni<Void> recordAll(UUID tenantId, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder("insert into processed_deliveries (tenant_id, delivery_id, event, outcome) values ");
        for (int i = 0; i < entries.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:tenant, :id").append(i).append(", :event").append(i)
                    .append(", :outcome").append(i).append(')');
        }
        return Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery(sql.toString()).setParameter("tenant", tenantId);
            for (int i = 0; i < entries.size(); i++) {
                insert.setParameter("id" + i, entries.get(i).deliveryId())
                        .setParameter("event" + i, entries.get(i).event())
                        .setParameter("outcome" + i, entries.get(i).outcome().tag());
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }
}
