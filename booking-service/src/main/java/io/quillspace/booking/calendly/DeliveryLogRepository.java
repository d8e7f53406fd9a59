package io.quillspace.booking.calendly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.sql.JsonRows;
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
                        "select delivery_id from processed_deliveries where delivery_id in "
                                + "(select cast(jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)) as uuid))", UUID.class)
                .setParameter("ids", JsonRows.array(deliveryIds))
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

    /** Logs the tenant's processed deliveries in one statement of one shape. */
    public Uni<Void> recordAll(UUID tenantId, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonRows rows = new JsonRows();
        for (Entry entry : entries) {
            ObjectNode row = rows.add();
            JsonRows.put(row, "delivery_id", entry.deliveryId());
            JsonRows.put(row, "event", entry.event());
            JsonRows.put(row, "outcome", entry.outcome().tag());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into processed_deliveries (tenant_id, delivery_id, event, outcome)
                        select cast(:tenant as uuid), r.delivery_id, r.event, r.outcome
                        from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                            as r(delivery_id uuid, event text, outcome text)""")
                .setParameter("tenant", tenantId)
                .setParameter("rows", rows.json())
                .executeUpdate()).replaceWithVoid();
    }
}
