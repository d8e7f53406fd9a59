package io.quillspace.shared.events;

/**
 * Where and how the events of one outbox contract travel: its topic, schema version and the one writer and reader of
 * its record values. The record key is the event's {@link FleetEvent#aggregateId()}, named {@code aggregate} in errors.
 */
public record EventContract<E extends FleetEvent>(String topic, int schemaVersion, Class<E> type, String aggregate) {

    /** The record value, written as the contract (which names its variant in {@code type}). */
    String encode(FleetEvent event) {
        return EventJson.write(event, type);
    }

    /** Reads a record value; an unknown {@code type} or a value without its ids is malformed. */
    E decode(byte[] value) {
        E event = EventJson.read(value, type);
        if (event == null || event.eventId() == null || event.tenantId() == null || event.aggregateId() == null) {
            throw new MalformedEventException("not a " + type.getSimpleName() + ": eventId, tenantId and " + aggregate
                    + " are required", null);
        }
        return event;
    }
}
