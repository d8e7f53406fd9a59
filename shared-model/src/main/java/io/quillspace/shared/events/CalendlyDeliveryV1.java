package io.quillspace.shared.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * A Calendly webhook delivery whose signature webhook-ingress verified, as published on {@link Topics#CALENDLY_WEBHOOKS}.
 *
 * @param deliveryId       derived from {@code (event, payload.uri)}: a redelivery of the same event carries the same id
 * @param tenantId         studio whose signing key verified the delivery
 * @param event            Calendly event name, e.g. {@code invitee.created}
 * @param payloadUpdatedAt {@code payload.updated_at} (no-shows: {@code created_at}); deliveries arrive in no fixed
 *                         order, so consumers compare it to tell a late, stale update from a newer one
 * @param receivedAt       when webhook-ingress accepted the delivery
 * @param payload          Calendly's {@code payload} object, unchanged
 */
public record CalendlyDeliveryV1(
        UUID deliveryId,
        UUID tenantId,
        String event,
        Instant payloadUpdatedAt,
        Instant receivedAt,
        JsonNode payload) {

    public static final int SCHEMA_VERSION = 1;
}
