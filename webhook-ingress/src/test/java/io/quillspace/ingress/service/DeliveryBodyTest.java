package io.quillspace.ingress.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quillspace.infra.CalendlyFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeliveryBodyTest {

    final ObjectMapper objectMapper = new ObjectMapper();

    @Test
    void payloadBytesAreExactlyThePayloadObjectAndItsFieldsAreRead() throws Exception {
        byte[] body = CalendlyFixtures.body("invitee.created.json");

        DeliveryBody read = DeliveryBody.read(objectMapper.getFactory(), body);

        byte[] payload = Arrays.copyOfRange(body, read.payloadOffset(), read.payloadOffset() + read.payloadLength());
        assertEquals(objectMapper.readTree(body).get("payload"), objectMapper.readTree(payload));
        assertEquals('{', payload[0]);
        assertEquals('}', payload[payload.length - 1]);
        assertEquals("invitee.created", read.event());
        assertEquals("https://api.calendly.com/scheduled_events/EVT1AAAA/invitees/INV1AAAA", read.uri());
        assertEquals("2026-03-10T14:02:10.534567Z", read.updatedAt());
    }

    @Test
    void noShowPayloadNamesTheInviteeItMarks() throws Exception {
        DeliveryBody read = read("""
                {"event":"invitee_no_show.created","payload":{"uri":"https://api.calendly.com/invitee_no_shows/NS1",
                 "invitee":"https://api.calendly.com/scheduled_events/E/invitees/I","created_at":"2026-03-14T10:20:00Z"}}""");

        assertEquals("https://api.calendly.com/scheduled_events/E/invitees/I", read.invitee());
        assertEquals("2026-03-14T10:20:00Z", read.createdAt());
        assertNull(read.updatedAt());
    }

    @Test
    void multiByteCharactersBeforeThePayloadKeepItsOffsetInBytes() throws Exception {
        String json = "{\"note\":\"Ñandú — 予約\",\"event\":\"invitee.created\",\"payload\":{\"uri\":\"u\",\"name\":\"José\"}}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        DeliveryBody read = DeliveryBody.read(objectMapper.getFactory(), body);

        assertEquals("{\"uri\":\"u\",\"name\":\"José\"}",
                new String(body, read.payloadOffset(), read.payloadLength(), StandardCharsets.UTF_8));
    }

    @Test
    void aKeyGivenTwiceAtAnyDepthIsRefused() {
        for (String body : new String[] {
                "{\"event\":\"e\",\"payload\":{\"uri\":\"first\"},\"payload\":{\"name\":\"second\"}}",
                "{\"event\":\"invitee.created\",\"event\":\"invitee.canceled\",\"payload\":{}}",
                "{\"event\":\"e\",\"payload\":{\"uri\":\"a\",\"uri\":\"b\"}}",
                "{\"event\":\"e\",\"payload\":{\"tracking\":{\"x\":1,\"x\":2}}}"}) {
            assertEquals("body repeats a key",
                    assertThrows(DeliveryBody.NotADeliveryException.class, () -> read(body), body).getMessage(), body);
        }
    }

    @Test
    void refusesWhatIsNotACalendlyDelivery() {
        for (String body : new String[] {
                "[]", "\"text\"", "{\"event\":\"e\"}", "{\"payload\":{}}", "{\"event\":1,\"payload\":{}}",
                "{\"event\":\"e\",\"payload\":[]}", "{\"event\":\"e\",\"payload\":{},\"payload\":null}",
                "{\"event\":\"e\",\"payload\":{}} {}", "{\"event\":\"e\",\"payload\":{\"uri\":}", ""}) {
            assertThrows(DeliveryBody.NotADeliveryException.class, () -> read(body), body);
        }
    }

    private DeliveryBody read(String json) throws DeliveryBody.NotADeliveryException {
        return DeliveryBody.read(objectMapper.getFactory(), json.getBytes(StandardCharsets.UTF_8));
    }
}
