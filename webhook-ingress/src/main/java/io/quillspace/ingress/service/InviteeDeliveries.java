package io.quillspace.ingress.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quillspace.shared.events.CalendlyDeliveryV1;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns an invitee read from Calendly's API into the deliveries its webhooks would have made, with the same delivery
 * id, key and payload shape: {@code invitee.created} for an active invitee, {@code invitee.canceled} for a canceled
 * one (its {@code rescheduled}/{@code new_invitee} make it the old half of a reschedule, as {@code old_invitee} makes
 * an active one the new half), plus {@code invitee_no_show.created} while a no-show mark is set. The payload is the
 * invitee resource with the meeting embedded as {@code scheduled_event}, which is what a webhook carries.
 * A cleared no-show leaves no trace in the API, so {@code invitee_no_show.deleted} is the webhook's alone.
 */
final class InviteeDeliveries {

    static final String CREATED = "invitee.created";
    static final String CANCELED = "invitee.canceled";
    static final String NO_SHOW_CREATED = "invitee_no_show.created";

    private InviteeDeliveries() {
    }

    static List<CalendlyDeliveryV1> of(UUID tenantId, JsonNode invitee, JsonNode scheduledEvent, Instant readAt,
                                       ObjectMapper json) {
        String uri = invitee.path("uri").asText("");
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("an invitee without uri in " + scheduledEvent.path("uri").asText());
        }
        List<CalendlyDeliveryV1> deliveries = new ArrayList<>(2);
        String event = "canceled".equals(invitee.path("status").asText()) ? CANCELED : CREATED;
        ObjectNode payload = invitee.deepCopy();
        payload.set("scheduled_event", scheduledEvent);
        deliveries.add(delivery(tenantId, event, uri, instant(invitee.path("updated_at")), payload, readAt));
        JsonNode noShow = invitee.path("no_show");
        if (noShow.path("uri").isTextual()) {
            ObjectNode mark = json.createObjectNode()
                    .put("uri", noShow.path("uri").asText())
                    .put("invitee", uri);
            mark.set("created_at", noShow.path("created_at"));
            deliveries.add(delivery(tenantId, NO_SHOW_CREATED, noShow.path("uri").asText(),
                    instant(noShow.path("created_at")), mark, readAt));
        }
        return deliveries;
    }

    /** Its key is the invitee, as on the webhook path, so one invitee's deliveries of both sources stay in order. */
    private static CalendlyDeliveryV1 delivery(UUID tenantId, String event, String deliveryUri, Instant updatedAt,
                                               ObjectNode payload, Instant readAt) {
        return new CalendlyDeliveryV1(CalendlyDeliveryV1.deliveryId(event, deliveryUri), tenantId, event, updatedAt,
                readAt, payload, CalendlyDeliveryV1.Source.RECONCILIATION);
    }

    private static Instant instant(JsonNode text) {
        try {
            return text.isTextual() ? Instant.parse(text.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
