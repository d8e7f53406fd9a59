package io.quillspace.shared.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.shared.events.FleetEvent;
import io.quillspace.shared.messaging.TraceContext;
import io.quillspace.shared.sql.JsonRows;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Writes events into the transactional outbox: call inside the tenant transaction that makes the change the event
 * reports, so both commit or neither does. {@link OutboxRelay} carries them to Kafka after commit.
 *
 * <p>Every service with an outbox has the table of {@code classpath:db/outbox} (a Flyway location): Row-Level Security
 * like every tenant table, and a trigger that calls {@code pg_notify('outbox', tenant_id::text)} after each insert
 * (delivered at commit, never for a rollback).
 * {@code trace_parent} is the W3C {@code traceparent} of the span that appended the event (null outside any trace), so
 * the relayed record continues the trace of the webhook or request that caused it.
 */
public final class Outbox {

    /** The notification channel the insert trigger signals on; its payload is the tenant id. */
    public static final String NOTIFY_CHANNEL = "outbox";

    private Outbox() {
    }

    public static Uni<Void> append(FleetEvent event) {
        OutboxMessage message = OutboxMessage.of(event);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                insert into outbox_events (id, tenant_id, topic, record_key, event_type, schema_version,
                                                           payload, trace_parent)
                                values (:id, :tenant, :topic, :key, :type, :version, :payload, :traceParent)""")
                        .setParameter("id", message.id())
                        .setParameter("tenant", message.tenantId())
                        .setParameter("topic", message.topic())
                        .setParameter("key", message.key())
                        .setParameter("type", message.eventType())
                        .setParameter("version", message.schemaVersion())
                        .setParameter("payload", message.payload())
                        .setParameter("traceParent", TraceContext.currentTraceparent())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** An event to append with the W3C {@code traceparent} of the span that raised it (null outside any trace). */
    public record Traced(FleetEvent event, String traceParent) {
    }

    /** Appends the events in one statement, in their order; call inside the tenant transaction, like {@link #append}. */
    public static Uni<Void> appendAll(List<Traced> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonRows rows = new JsonRows();
        for (Traced event : events) {
            OutboxMessage message = OutboxMessage.of(event.event());
            ObjectNode row = rows.add();
            JsonRows.put(row, "id", message.id());
            JsonRows.put(row, "tenant_id", message.tenantId());
            JsonRows.put(row, "topic", message.topic());
            JsonRows.put(row, "record_key", message.key());
            JsonRows.put(row, "event_type", message.eventType());
            JsonRows.put(row, "schema_version", message.schemaVersion());
            JsonRows.put(row, "payload", message.payload());
            JsonRows.put(row, "trace_parent", event.traceParent());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                insert into outbox_events (id, tenant_id, topic, record_key, event_type, schema_version,
                                                           payload, trace_parent)
                                select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(id uuid, tenant_id uuid,
                                    topic text, record_key text, event_type text, schema_version int, payload text,
                                    trace_parent text)""")
                        .setParameter("rows", rows.json())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
