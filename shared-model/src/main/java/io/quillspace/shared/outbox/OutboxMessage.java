package io.quillspace.shared.outbox;

import io.quillspace.shared.events.FleetEvent;

import java.util.UUID;

/**
 * One event waiting in a service's {@code outbox_events} table to be relayed to Kafka.
 *
 * @param id            the event id, also sent as the {@code quillspace-event-id} header
 * @param key           the record key: the aggregate id, so one aggregate's events stay in order
 * @param payload       the record value, encoded by the contract's own encoder
 */
public record OutboxMessage(UUID id, UUID tenantId, String topic, String key, String eventType, int schemaVersion,
                            String payload) {

    /** The message of an event, everything as its contract says: topic, key, type, schema version and value. */
    static OutboxMessage of(FleetEvent event) {
        return new OutboxMessage(event.eventId(), event.tenantId(), event.topic(), event.key(), event.type(),
                event.schemaVersion(), event.encoded());
    }
}
