package io.quillspace.ingress.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An invitee as Calendly's API shows it (a webhook fixture's payload without the embedded meeting, which the API
 * lists separately) must become exactly the webhook's payload, delivery id and key.
 */
class InviteeDeliveriesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID TENANT = UUID.randomUUID();
    static final Instant READ_AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void anActiveInviteeBecomesItsInviteeCreatedWebhook() throws IOException {
        assertSameAsWebhook("invitee.created.json");
    }

    @Test
    void aCanceledInviteeBecomesItsInviteeCanceledWebhook() throws IOException {
        assertSameAsWebhook("invitee.canceled.json");
    }

    @Test
    void bothHalvesOfARescheduleBecomeTheirWebhooksWithTheirLinks() throws IOException {
        assertSameAsWebhook("reschedule.1-canceled.json");
        assertSameAsWebhook("reschedule.2-created.json");
    }

    @Test
    void aNoShowMarkAlsoBecomesItsNoShowWebhook() throws IOException {
        JsonNode noShowWebhook = webhook("invitee_no_show.created.json");
        ObjectNode invitee = apiInvitee(webhook("invitee.created.json"));
        invitee.putObject("no_show").put("uri", noShowWebhook.at("/payload/uri").asText())
                .put("created_at", noShowWebhook.at("/payload/created_at").asText());

        List<CalendlyDeliveryV1> deliveries = InviteeDeliveries.of(TENANT, invitee, meeting(webhook("invitee.created.json")),
                READ_AT, JSON);

        assertEquals(2, deliveries.size());
        CalendlyDeliveryV1 mark = deliveries.get(1);
        assertEquals("invitee_no_show.created", mark.event());
        assertEquals(CalendlyDeliveryV1.deliveryId("invitee_no_show.created", noShowWebhook.at("/payload/uri").asText()),
                mark.deliveryId());
        assertEquals(invitee.path("uri").asText(), mark.key());
        assertEquals(noShowWebhook.path("payload"), mark.payload());
        assertEquals(Instant.parse("2026-03-14T09:20:00Z"), mark.payloadUpdatedAt());
    }

    @Test
    void anInviteeWithoutUriIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> InviteeDeliveries.of(TENANT, JSON.createObjectNode(), JSON.createObjectNode(), READ_AT, JSON));
    }

    private static void assertSameAsWebhook(String fixture) throws IOException {
        JsonNode webhook = webhook(fixture);
        JsonNode payload = webhook.path("payload");

        List<CalendlyDeliveryV1> deliveries = InviteeDeliveries.of(TENANT, apiInvitee(webhook), meeting(webhook), READ_AT, JSON);

        assertEquals(1, deliveries.size());
        CalendlyDeliveryV1 delivery = deliveries.get(0);
        String uri = payload.path("uri").asText();
        assertEquals(webhook.path("event").asText(), delivery.event(), fixture);
        assertEquals(CalendlyDeliveryV1.deliveryId(webhook.path("event").asText(), uri), delivery.deliveryId(), fixture);
        assertEquals(uri, delivery.key());
        assertEquals(Instant.parse(payload.path("updated_at").asText()), delivery.payloadUpdatedAt());
        assertEquals(CalendlyDeliveryV1.Source.RECONCILIATION, delivery.source());
        assertEquals(payload, delivery.payload(), fixture + ": payload shaped as the webhook's");
    }

    private static JsonNode webhook(String fixture) throws IOException {
        return JSON.readTree(CalendlyFixtures.body(fixture));
    }

    /** The invitee resource: the API lists the meeting itself separately. */
    private static ObjectNode apiInvitee(JsonNode webhook) {
        ObjectNode invitee = webhook.path("payload").deepCopy();
        invitee.remove("scheduled_event");
        return invitee;
    }

    private static JsonNode meeting(JsonNode webhook) {
        return webhook.at("/payload/scheduled_event");
    }
}
