package io.quillspace.ingress.messaging;

import io.quillspace.shared.events.CalendlyDeliveryV1;

import java.time.Instant;
import java.util.UUID;

/**
 * A verified delivery ready to publish as a {@link CalendlyDeliveryV1}: the same fields, except that the payload stays
 * the bytes Calendly signed ({@code body[payloadOffset, payloadOffset + payloadLength)}) instead of a parsed tree.
 *
 * @param key the invitee URI, so one invitee's events stay in order on one partition
 */
public record DeliveryRecord(String key, UUID deliveryId, UUID tenantId, String event, Instant payloadUpdatedAt,
                             Instant receivedAt, byte[] body, int payloadOffset, int payloadLength) {
}
