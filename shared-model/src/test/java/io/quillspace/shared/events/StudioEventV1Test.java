package io.quillspace.shared.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudioEventV1Test {

    private static final UUID STUDIO = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final StudioEventV1.Profile PROFILE = new StudioEventV1.Profile("Ink & Quill", "Europe/Lisbon",
            "Ink & Quill \"Editors\"", "hello@inkquill.example", "https://inkquill.example/logo.png",
            "https://inkquill.example");

    @Test
    void everyChangeSurvivesEncodeThenDecodeWithTheWholeProfile() {
        List<StudioEventV1> events = List.of(
                new StudioEventV1.Created(UUID.randomUUID(), STUDIO, 1, PROFILE, "active", AT),
                new StudioEventV1.Updated(UUID.randomUUID(), STUDIO, 2, PROFILE, "active", AT),
                new StudioEventV1.Suspended(UUID.randomUUID(), STUDIO, 3, PROFILE, "suspended", AT),
                new StudioEventV1.Resumed(UUID.randomUUID(), STUDIO, 4, PROFILE, "active", AT),
                new StudioEventV1.Deleted(UUID.randomUUID(), STUDIO, 5,
                        new StudioEventV1.Profile("Ink & Quill", "UTC", null, null, null, null), "deleted", AT));

        for (StudioEventV1 event : events) {
            String encoded = StudioEventV1.encode(event);
            assertTrue(encoded.contains("\"type\":\"" + event.type() + "\""), encoded);
            assertEquals(event, StudioEventV1.decode(encoded.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aStudioIsItsOwnTenantAndTheKeyOfItsCompactedTopic() {
        var created = new StudioEventV1.Created(UUID.randomUUID(), STUDIO, 1, PROFILE, "active", AT);

        assertEquals(Topics.STUDIO_EVENTS, created.topic());
        assertEquals(STUDIO.toString(), created.key());
        assertEquals(STUDIO, created.tenantId());
        assertFalse(created.encoded().contains("tenantId"), "the studio id is the tenant: " + created.encoded());
        assertEquals("compact", Topics.ALL.stream().filter(spec -> spec.name().equals(Topics.STUDIO_EVENTS))
                .findFirst().orElseThrow().config().get("cleanup.policy"));
    }

    @Test
    void aValueWithoutItsStudioIsMalformed() {
        assertThrows(MalformedEventException.class, () -> StudioEventV1.decode(
                "{\"type\":\"studio.created\",\"eventId\":\"3f2b8c1e-5d4a-4c7b-9e61-2a7d0c9b4f10\"}"
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnknownTypeIsMalformed() {
        assertThrows(MalformedEventException.class,
                () -> StudioEventV1.decode("{\"type\":\"studio.exploded\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
