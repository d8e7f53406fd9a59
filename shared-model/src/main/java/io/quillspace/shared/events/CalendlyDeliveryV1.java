package io.quillspace.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A Calendly webhook delivery whose signature webhook-ingress verified, as published on {@link Topics#CALENDLY_WEBHOOKS}.
 * {@link #encode} and {@link #decode} are the only writer and reader of the record value.
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

    private static final int ENVELOPE_BYTES = 512;

    /**
     * The record value of a delivery whose payload is {@code body[payloadOffset, payloadOffset + payloadLength)}, a
     * JSON object written out as those exact bytes (the ones Calendly signed), never re-serialized from a tree.
     */
    public static byte[] encode(UUID deliveryId, UUID tenantId, String event, Instant payloadUpdatedAt,
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

    /** This delivery's record value (tests, reconciliation: a payload already held as a tree). */
    public byte[] encode() {
        byte[] payloadBytes;
        try {
            payloadBytes = EventJson.MAPPER.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode delivery " + deliveryId, e);
        }
        return encode(deliveryId, tenantId, event, payloadUpdatedAt, receivedAt, source, payloadBytes, 0,
                payloadBytes.length);
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
}
