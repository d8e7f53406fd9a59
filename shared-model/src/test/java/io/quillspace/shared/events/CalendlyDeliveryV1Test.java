package io.quillspace.shared.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalendlyDeliveryV1Test {

    private static final String SIGNED_BODY = "{\"event\":\"invitee.created\",\"payload\":{ \"uri\" : \"https://api.calendly.com/"
            + "scheduled_events/E/invitees/I\",\"updated_at\":\"2026-03-10T14:02:10.534567Z\",\"n\":1.50 }}";

    @Test
    void thePayloadTravelsAsTheSignedBytesAndDecodesBack() {
        byte[] body = SIGNED_BODY.getBytes(StandardCharsets.UTF_8);
        int offset = SIGNED_BODY.indexOf("{ \"uri\"");
        int length = SIGNED_BODY.length() - 1 - offset;
        UUID deliveryId = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Instant updated = Instant.parse("2026-03-10T14:02:10.534567Z");
        Instant received = Instant.parse("2026-03-10T14:02:11Z");

        byte[] value = CalendlyDeliveryV1.record("k", deliveryId, tenant, "invitee.created", updated, received,
                CalendlyDeliveryV1.Source.RECONCILIATION, body, offset, length).value();

        String json = new String(value, StandardCharsets.UTF_8);
        assertTrue(json.contains(SIGNED_BODY.substring(offset, offset + length)), "payload bytes unchanged: " + json);
        CalendlyDeliveryV1 decoded = CalendlyDeliveryV1.decode(value);
        assertEquals(deliveryId, decoded.deliveryId());
        assertEquals(tenant, decoded.tenantId());
        assertEquals("invitee.created", decoded.event());
        assertEquals(updated, decoded.payloadUpdatedAt());
        assertEquals(received, decoded.receivedAt());
        assertEquals(CalendlyDeliveryV1.Source.RECONCILIATION, decoded.source());
        assertEquals("https://api.calendly.com/scheduled_events/E/invitees/I", decoded.payload().get("uri").asText());
    }

    @Test
    void aDeliveryHeldAsATreeEncodesToTheSameContract() {
        CalendlyDeliveryV1 decoded = CalendlyDeliveryV1.decode(CalendlyDeliveryV1.record("u", UUID.randomUUID(),
                UUID.randomUUID(), "invitee_no_show.created", null, Instant.EPOCH, CalendlyDeliveryV1.Source.WEBHOOK,
                "{\"uri\":\"u\"}".getBytes(StandardCharsets.UTF_8), 0, 11).value());
        assertNull(decoded.payloadUpdatedAt());

        assertEquals(decoded, CalendlyDeliveryV1.decode(decoded.encode()));
    }

    @Test
    void theRecordCarriesTopicKeyAndHeadersAndDecodesBack() {
        String invitee = "https://api.calendly.com/scheduled_events/E/invitees/I";
        String noShow = "https://api.calendly.com/invitee_no_shows/N";
        ObjectNode payload = new ObjectMapper().createObjectNode().put("uri", noShow).put("invitee", invitee);
        var delivery = new CalendlyDeliveryV1(CalendlyDeliveryV1.deliveryId("invitee_no_show.created", noShow),
                UUID.randomUUID(), "invitee_no_show.created", Instant.EPOCH, Instant.EPOCH, payload,
                CalendlyDeliveryV1.Source.RECONCILIATION);

        ProducerRecord<String, byte[]> record = delivery.record();

        assertEquals(Topics.CALENDLY_WEBHOOKS, record.topic());
        assertEquals(invitee, record.key(), "a no-show travels with the invitee it marks");
        assertEquals(delivery.tenantId().toString(), header(record, EventHeaders.TENANT_ID));
        assertEquals(delivery.deliveryId().toString(), header(record, EventHeaders.EVENT_ID));
        assertEquals("invitee_no_show.created", header(record, EventHeaders.EVENT_TYPE));
        assertEquals("RECONCILIATION", header(record, EventHeaders.SOURCE));
        assertEquals("1", header(record, EventHeaders.SCHEMA_VERSION));
        assertEquals(delivery, CalendlyDeliveryV1.decode(record.value()));
    }

    @Test
    void anInviteeEventIsKeyedByTheInviteeItself() {
        String invitee = "https://api.calendly.com/scheduled_events/E/invitees/I";
        assertEquals(invitee, CalendlyDeliveryV1.key("invitee.canceled", invitee, null));
        assertEquals(invitee, CalendlyDeliveryV1.key("invitee_no_show.deleted", "https://api.calendly.com/n", invitee));
    }

    @Test
    void aRecordWrittenBeforeTheSourceWasCarriedReadsAsAWebhookDelivery() {
        String older = "{\"deliveryId\":\"" + UUID.randomUUID() + "\",\"tenantId\":\"" + UUID.randomUUID()
                + "\",\"event\":\"invitee.created\",\"receivedAt\":\"2026-03-10T14:02:11Z\",\"payload\":{}}";
        assertEquals(CalendlyDeliveryV1.Source.WEBHOOK, CalendlyDeliveryV1.decode(bytes(older)).source());
    }

    @Test
    void theDeliveryIdDependsOnlyOnEventAndUriSoAReconciledCopyMatchesTheWebhook() {
        String invitee = "https://api.calendly.com/scheduled_events/E/invitees/I";
        assertEquals(CalendlyDeliveryV1.deliveryId("invitee.created", invitee),
                CalendlyDeliveryV1.deliveryId("invitee.created", invitee));
        assertNotEquals(CalendlyDeliveryV1.deliveryId("invitee.created", invitee),
                CalendlyDeliveryV1.deliveryId("invitee.canceled", invitee));
        // The rule every stored delivery log was written with: it must never change.
        assertEquals(UUID.nameUUIDFromBytes(("invitee.created\n" + invitee).getBytes(StandardCharsets.UTF_8)),
                CalendlyDeliveryV1.deliveryId("invitee.created", invitee));
    }

    @Test
    void aValueWithoutTenantEventOrObjectPayloadIsMalformed() {
        String tenantless = "{\"deliveryId\":\"" + UUID.randomUUID() + "\",\"event\":\"invitee.created\",\"payload\":{}}";
        assertThrows(MalformedEventException.class, () -> CalendlyDeliveryV1.decode(bytes(tenantless)));
        String arrayPayload = "{\"deliveryId\":\"" + UUID.randomUUID() + "\",\"tenantId\":\"" + UUID.randomUUID()
                + "\",\"event\":\"invitee.created\",\"payload\":[]}";
        assertThrows(MalformedEventException.class, () -> CalendlyDeliveryV1.decode(bytes(arrayPayload)));
        assertThrows(MalformedEventException.class, () -> CalendlyDeliveryV1.decode(bytes("{\"tenantId\":\"nope\"}")));
        assertThrows(MalformedEventException.class, () -> CalendlyDeliveryV1.decode(bytes("null")));
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
