package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A client's data rights (GDPR Art. 15 and 17) on {@link Topics#CLIENT_EVENTS}, keyed by tenant and user id so one
 * client's requests and parts stay in order. booking-service, which knows the clients, raises the requests; every
 * service answers an export request with its {@link ExportPart}, which booking-service assembles, and erases its own
 * copy of the client's personal data on an erasure request. Each event is the only one of its request and service, so
 * {@link #sequence()} is always 1. {@link #encode} and {@link #decode} are the only writer and reader of the value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientEventV1.ExportRequested.class, name = ClientEventV1.ExportRequested.TYPE),
        @JsonSubTypes.Type(value = ClientEventV1.ErasureRequested.class, name = ClientEventV1.ErasureRequested.TYPE),
        @JsonSubTypes.Type(value = ClientEventV1.ExportPart.class, name = ClientEventV1.ExportPart.TYPE)
})
public sealed interface ClientEventV1 extends FleetEvent {

    int SCHEMA_VERSION = 1;
    EventContract<ClientEventV1> CONTRACT = new EventContract<>(Topics.CLIENT_EVENTS, SCHEMA_VERSION, ClientEventV1.class,
            "userId");

    /** The export or erasure this event belongs to. */
    UUID requestId();

    /** The client (see {@code UserIds}): the record key with the tenant. */
    UUID userId();

    /**
     * Someone asked for everything the fleet holds about the client.
     *
     * @param requestedBy the admin, or the client themself
     */
    @JsonTypeName(ExportRequested.TYPE)
    record ExportRequested(UUID eventId, UUID tenantId, UUID requestId, UUID userId, UUID requestedBy,
                           Instant occurredAt) implements ClientEventV1 {

        public static final String TYPE = "client.export-requested";
    }

    /**
     * The studio's admin asked to erase the client's personal data everywhere.
     *
     * @param requestedBy the admin
     */
    @JsonTypeName(ErasureRequested.TYPE)
    record ErasureRequested(UUID eventId, UUID tenantId, UUID requestId, UUID userId, UUID requestedBy,
                            Instant occurredAt) implements ClientEventV1 {

        public static final String TYPE = "client.erasure-requested";
    }

    /**
     * One service's share of an export: what it holds about the client, as one JSON document of its own shape.
     *
     * @param service the service that holds the data, e.g. {@code email}
     */
    @JsonTypeName(ExportPart.TYPE)
    record ExportPart(UUID eventId, UUID tenantId, UUID requestId, UUID userId, String service, JsonNode part,
                      Instant occurredAt) implements ClientEventV1 {

        public static final String TYPE = "client.export-part";
    }

    @Override
    @JsonIgnore
    default long sequence() {
        return 1;
    }

    @Override
    @JsonIgnore
    default UUID aggregateId() {
        return userId();
    }

    /** Tenant and user: a user id is unique on its own, but the tenant in the key names the studio to an operator. */
    @Override
    @JsonIgnore
    default String key() {
        return tenantId() + ":" + userId();
    }

    @Override
    @JsonIgnore
    default EventContract<?> contract() {
        return CONTRACT;
    }

    @Override
    @JsonIgnore
    default Map<String, String> logFields() {
        return Map.of("tenantId", String.valueOf(tenantId()), "eventId", String.valueOf(eventId()),
                "requestId", String.valueOf(requestId()));
    }

    /** The record value. */
    static String encode(ClientEventV1 event) {
        return CONTRACT.encode(event);
    }

    /** Reads a record value; an unknown {@code type} or a value without its ids is malformed. */
    static ClientEventV1 decode(byte[] value) {
        ClientEventV1 event = CONTRACT.decode(value);
        if (event.requestId() == null) {
            throw new MalformedEventException("not a ClientEventV1: requestId is required", null);
        }
        return event;
    }
}
