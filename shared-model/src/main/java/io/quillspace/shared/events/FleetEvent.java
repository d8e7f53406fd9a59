package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What every event a service raises through its outbox carries, whatever its contract: a stable id, the tenant, its
 * position among its aggregate's events, and when it happened. Each contract adds its aggregate's id (the record key)
 * and says where and how its events travel: topic, key, schema version and the encoded value, which is all an outbox
 * needs to carry one.
 */
public interface FleetEvent extends TenantRecord {

    /** Stable id of this event: the same on every redelivery, for consumers that deduplicate by event. */
    UUID eventId();

    @Override
    UUID tenantId();

    /** Position among its aggregate's events, from 1, increasing. */
    long sequence();

    Instant occurredAt();

    /** The aggregate the event is about (a booking, a project): its id is the record key. */
    @JsonIgnore
    UUID aggregateId();

    /** The contract the event belongs to: topic, schema version, encoder and decoder. */
    @JsonIgnore
    EventContract<?> contract();

    /** The topic the contract's events travel on. */
    @JsonIgnore
    default String topic() {
        return contract().topic();
    }

    /** The record key: the aggregate's id, so one aggregate's events stay in order on one partition. */
    @JsonIgnore
    default String key() {
        return aggregateId().toString();
    }

    /** The contract's schema version, sent as the {@code quillspace-schema-version} header. */
    @JsonIgnore
    default int schemaVersion() {
        return contract().schemaVersion();
    }

    /** The record value, written by the contract's own encoder. */
    @JsonIgnore
    default String encoded() {
        return contract().encode(this);
    }

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
