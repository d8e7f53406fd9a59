package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What every event a service raises through its outbox carries, whatever its contract: a stable id, the tenant, its
 * position among its aggregate's events, and when it happened. Each contract adds its aggregate's id (the record key).
 */
public interface FleetEvent extends TenantRecord {

    /** Stable id of this event: the same on every redelivery, for consumers that deduplicate by event. */
    UUID eventId();

    @Override
    UUID tenantId();

    /** Position among its aggregate's events, from 1, increasing. */
    long sequence();

    Instant occurredAt();

    /** The {@code type} property's value, e.g. {@code booking.created}. */
    @JsonIgnore
    default String type() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }

    /** Tenant and event id; a contract adds its aggregate's id. */
    @Override
    @JsonIgnore
    default Map<String, String> logFields() {
        return Map.of("tenantId", String.valueOf(tenantId()), "eventId", String.valueOf(eventId()));
    }
}
