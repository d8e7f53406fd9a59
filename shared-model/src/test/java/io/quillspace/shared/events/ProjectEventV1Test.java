package io.quillspace.shared.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectEventV1Test {

    @Test
    void aKickoffSurvivesEncodeThenDecodeWithItsPlan() {
        var kickoff = new ProjectEventV1.KickedOff(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1,
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "maria@example.org", "Maria Lopez",
                "Europe/Madrid", "The Salt Road", LocalDate.parse("2026-04-01"),
                List.of(new ProjectEventV1.Phase(1, "Assessment", LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-14"),
                        List.of(new ProjectEventV1.Deliverable("Editorial letter", LocalDate.parse("2026-04-14"))))),
                Instant.parse("2026-03-20T10:00:00Z"));

        String encoded = ProjectEventV1.encode(kickoff);

        assertTrue(encoded.contains("\"type\":\"project.kicked-off\"") && encoded.contains("\"kickoffDate\":\"2026-04-01\""),
                encoded);
        assertEquals(kickoff, ProjectEventV1.decode(encoded.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyStatusChangeSurvivesEncodeThenDecodeUnchanged() {
        UUID tenant = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        UUID admin = UUID.randomUUID();
        Instant at = Instant.parse("2026-04-02T09:00:00Z");
        List<ProjectEventV1> events = List.of(
                new ProjectEventV1.StatusChanged(UUID.randomUUID(), tenant, project, 2, client, "kickoff", "active",
                        admin, at),
                new ProjectEventV1.PhaseStatusChanged(UUID.randomUUID(), tenant, project, 3, client, UUID.randomUUID(),
                        1, "Assessment", "pending", "in_progress", admin, at),
                new ProjectEventV1.DeliverableStatusChanged(UUID.randomUUID(), tenant, project, 4, client,
                        UUID.randomUUID(), UUID.randomUUID(), "Editorial letter", "in_review", "done", admin, at),
                new ProjectEventV1.DeliverableFileAttached(UUID.randomUUID(), tenant, project, 5, UUID.randomUUID(), client,
                        "tom@example.org", "Tom Okafor", "The Salt Road", UUID.randomUUID(), "Editorial letter",
                        UUID.randomUUID(), "..\\letter \"final\"\u202Efdp.exe", "application/pdf", 2_048, admin, at));

        for (ProjectEventV1 event : events) {
            String encoded = ProjectEventV1.encode(event);
            assertTrue(encoded.contains("\"type\":\"" + event.type() + "\""), encoded);
            assertEquals(event, ProjectEventV1.decode(encoded.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void anUnknownTypeIsMalformed() {
        assertThrows(MalformedEventException.class,
                () -> ProjectEventV1.decode("{\"type\":\"project.exploded\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
