package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A Calendly webhook delivery whose signature webhook-ingress verified, as published on {@link Topics#CALENDLY_WEBHOOKS}
 * keyed by {@link #key()}. {@link #record} and {@link #decode} are the only writer and reader of the record.
 *
 * @param deliveryId       {@link #deliveryId(String, String)}: a redelivery of the same event carries the same id, and so
 *                         does a reconciled copy of it
 * @param tenantId         studio whose signing key verified the delivery
 * @param event            Calendly event name, e.g. {@code invitee.created}
 * @param payloadUpdatedAt {@code payload.updated_at} (no-shows: {@code created_at}); deliveries arrive in no fixed
 *                         order, so consumers compare it to tell a late, stale update from a newer one
 * @param receivedAt       when webhook-ingress accepted the delivery
 * @param payload          Calendly's {@code payload} object, unchanged
 * @param source           how the delivery reached us; absent in records written before reconciliation existed
 */
public record CalendlyDeliveryV1(
        UUID deliveryId,
        UUID tenantId,
        String event,
        Instant payloadUpdatedAt,
        Instant receivedAt,
        JsonNode payload,
        Source source) implements TenantRecord {

    public static final int SCHEMA_VERSION = 1;
    private static final String NO_SHOW_PREFIX = "invitee_no_show.";

    /** Where a delivery came from. Consumers treat both alike: dedupe and the stale rule make a copy harmless. */
    public enum Source {
        /** Calendly posted it to webhook-ingress, signed. */
        WEBHOOK,
        /** webhook-ingress found it reading Calendly's API (a sweep that repairs missed webhooks). */
        RECONCILIATION
    }

    /** A webhook delivery (records written before the source was carried are webhook ones too). */
    public CalendlyDeliveryV1(UUID deliveryId, UUID tenantId, String event, Instant payloadUpdatedAt, Instant receivedAt,
                              JsonNode payload) {
        this(deliveryId, tenantId, event, payloadUpdatedAt, receivedAt, payload, Source.WEBHOOK);
    }

    @Override
    @JsonIgnore
    public Map<String, String> logFields() {
        return Map.of("tenantId", String.valueOf(tenantId), "deliveryId", String.valueOf(deliveryId));
    }

    public CalendlyDeliveryV1 {
        source = source == null ? Source.WEBHOOK : source;
    }

    /**
     * The id of the delivery of {@code event} about {@code uri} (the invitee; for no-shows the no-show): Calendly
     * carries no event id, and an invitee goes through each event at most once (a reschedule makes a new invitee).
     */
    public static UUID deliveryId(String event, String uri) {
        return UUID.nameUUIDFromBytes((event + "\n" + uri).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The record key of a delivery of {@code event} about {@code uri}: the invitee, so one invitee's deliveries stay in
     * order on one partition; for a no-show, the invitee it marks ({@code payload.invitee}, null if absent).
     */
    public static String key(String event, String uri, String markedInvitee) {
        return event.startsWith(NO_SHOW_PREFIX) && markedInvitee != null ? markedInvitee : uri;
    }

    /** This delivery's record key: {@link #key(String, String, String)} of its payload. */
    @JsonIgnore
    public String key() {
        JsonNode marked = payload.path("invitee");
        return key(event, payload.path("uri").asText(), marked.isTextual() ? marked.asText() : null);
    }

    /** This delivery's record (tests, reconciliation: a payload already held as a tree). */
    public ProducerRecord<String, byte[]> record() {
        byte[] payloadBytes;
        try {
            payloadBytes = EventJson.MAPPER.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode delivery " + deliveryId, e);
        }
        return record(key(), deliveryId, tenantId, event, payloadUpdatedAt, receivedAt, source, payloadBytes, 0,
                payloadBytes.length);
    }

    /** This delivery's record value. */
    public byte[] encode() {
        return record().value();
    }

    /**
     * The record of a delivery whose payload is {@code body[payloadOffset, payloadOffset + payloadLength)}, a JSON object
     * written out as those exact bytes (the ones Calendly signed), never re-serialized from a tree; its headers name the
     * tenant, delivery id, event, source and schema version.
     */
    public static ProducerRecord<String, byte[]> record(String key, UUID deliveryId, UUID tenantId, String event,
                                                        Instant payloadUpdatedAt, Instant receivedAt, Source origin,
                                                        byte[] body, int payloadOffset, int payloadLength) {
        var record = new ProducerRecord<>(Topics.CALENDLY_WEBHOOKS, key, value(deliveryId, tenantId, event,
                payloadUpdatedAt, receivedAt, origin, body, payloadOffset, payloadLength));
        Headers headers = record.headers();
        headers.add(EventHeaders.TENANT_ID, bytes(tenantId.toString()));
        headers.add(EventHeaders.EVENT_ID, bytes(deliveryId.toString()));
        headers.add(EventHeaders.EVENT_TYPE, bytes(event));
        headers.add(EventHeaders.SOURCE, bytes(origin.name()));
        headers.add(EventHeaders.SCHEMA_VERSION, bytes(Integer.toString(SCHEMA_VERSION)));
        return record;
    }

    private static final int ENVELOPE_BYTES = 512;

    private static byte[] value(UUID deliveryId, UUID tenantId, String event, Instant payloadUpdatedAt,
                                Instant receivedAt, Source origin, byte[] body, int payloadOffset, int payloadLength) {
        var out = new ByteArrayOutputStream(payloadLength + ENVELOPE_BYTES);
        try (JsonGenerator generator = EventJson.FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("deliveryId", deliveryId.toString());
            generator.writeStringField("tenantId", tenantId.toString());
            generator.writeStringField("event", event);
            generator.writeStringField("payloadUpdatedAt", payloadUpdatedAt == null ? null : payloadUpdatedAt.toString());
            generator.writeStringField("receivedAt", receivedAt.toString());
            generator.writeStringField("source", origin.name());
            generator.writeFieldName("payload");
            // An empty raw value writes the ':' and leaves the object ready to close; the payload bytes go in between.
            generator.writeRawValue("");
            generator.flush();
            out.write(body, payloadOffset, payloadLength);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode delivery " + deliveryId, e);
        }
        return out.toByteArray();
    }

    /** Reads a record value; a value without delivery id, tenant, event or payload object is malformed. */
    public static CalendlyDeliveryV1 decode(byte[] value) {
        CalendlyDeliveryV1 delivery = EventJson.read(value, CalendlyDeliveryV1.class);
        if (delivery == null || delivery.deliveryId() == null || delivery.tenantId() == null
                || delivery.event() == null || delivery.payload() == null || !delivery.payload().isObject()) {
            throw new MalformedEventException("not a CalendlyDeliveryV1: deliveryId, tenantId, event and an object"
                    + " payload are required", null);
        }
        return delivery;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
