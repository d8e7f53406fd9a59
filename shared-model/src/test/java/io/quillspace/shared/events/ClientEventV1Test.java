package io.quillspace.shared.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientEventV1Test {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void everyEventSurvivesEncodeThenDecodeWithTheWholePart() throws Exception {
        JsonNode part = EventJson.MAPPER.readTree("""
                {"emailJobs": [{"kind": "CONFIRMATION", "recipient": "ana@example.org", "sentAt": "2026-12-01T09:00:00Z"}],
                 "suppressions": []}""");
        UUID request = UUID.randomUUID();
        List<ClientEventV1> events = List.of(
                new ClientEventV1.ExportRequested(UUID.randomUUID(), TENANT, request, USER, USER, AT),
                new ClientEventV1.ErasureRequested(UUID.randomUUID(), TENANT, UUID.randomUUID(), USER, UUID.randomUUID(), AT),
                new ClientEventV1.ExportPart(UUID.randomUUID(), TENANT, request, USER, "email", part, AT));

        for (ClientEventV1 event : events) {
            String encoded = ClientEventV1.encode(event);
            assertTrue(encoded.contains("\"type\":\"" + event.type() + "\""), encoded);
            assertEquals(event, ClientEventV1.decode(encoded.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aClientsEventsTravelOnTheirShortLivedTopicKeyedByTenantAndUser() {
        var requested = new ClientEventV1.ErasureRequested(UUID.randomUUID(), TENANT, UUID.randomUUID(), USER, USER, AT);

        assertEquals(Topics.CLIENT_EVENTS, requested.topic());
        assertEquals(TENANT + ":" + USER, requested.key());
        assertEquals("604800000", Topics.ALL.stream().filter(spec -> spec.name().equals(Topics.CLIENT_EVENTS))
                .findFirst().orElseThrow().config().get("retention.ms"));
    }

    @Test
    void aValueWithoutItsRequestIsMalformed() {
        assertThrows(MalformedEventException.class, () -> ClientEventV1.decode(("{\"type\":\"client.erasure-requested\","
                + "\"eventId\":\"" + UUID.randomUUID() + "\",\"tenantId\":\"" + TENANT + "\",\"userId\":\"" + USER + "\"}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnknownTypeIsMalformed() {
        assertThrows(MalformedEventException.class,
                () -> ClientEventV1.decode("{\"type\":\"client.forgotten\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
