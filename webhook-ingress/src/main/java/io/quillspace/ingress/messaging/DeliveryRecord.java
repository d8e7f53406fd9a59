package io.quillspace.ingress.messaging;

import io.quillspace.shared.events.CalendlyDeliveryV1;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery ready to publish as a {@link CalendlyDeliveryV1}: the same fields, except that the payload stays bytes
 * ({@code body[payloadOffset, payloadOffset + payloadLength)}): for a webhook the ones Calendly signed, for a
 * reconciled invitee the payload written from Calendly's API.
 *
 * @param key the invitee URI, so one invitee's events stay in order on one partition
 */
public record DeliveryRecord(String key, UUID deliveryId, UUID tenantId, String event, Instant payloadUpdatedAt,
                             Instant receivedAt, CalendlyDeliveryV1.Source source, byte[] body, int payloadOffset,
                             int payloadLength) {
}
