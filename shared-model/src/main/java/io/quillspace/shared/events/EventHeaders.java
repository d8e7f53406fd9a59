package io.quillspace.shared.events;

/** Kafka record headers every producer sets and every consumer may read without parsing the value. */
public final class EventHeaders {

    /** Tenant (studio) the record belongs to, as a UUID string. */
    public static final String TENANT_ID = "quillspace-tenant-id";

    /** Contract version of the record value; the topic name carries the same major version. */
    public static final String SCHEMA_VERSION = "quillspace-schema-version";

    /** Stable id of the event: the same on every redelivery, for consumers that deduplicate by event. */
    public static final String EVENT_ID = "quillspace-event-id";

    /** Event type within a topic that carries several, e.g. {@code booking.created}. */
    public static final String EVENT_TYPE = "quillspace-event-type";

    /** Where a Calendly delivery came from ({@link CalendlyDeliveryV1.Source}), for operators reading a topic. */
    public static final String SOURCE = "quillspace-source";

    private EventHeaders() {
    }
}
