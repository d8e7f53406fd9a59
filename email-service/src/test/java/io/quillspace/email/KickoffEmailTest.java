package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.ProjectEventV1;
import io.quillspace.shared.events.Topics;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An accepted proposal's project starts, and the client receives its plan once. */
@QuarkusTest
class KickoffEmailTest extends AtFixedTime {

    @Test
    void aKickedOffProjectSendsOneKickoffEmailWithThePhasePlan() {
        UUID booking = UUID.randomUUID();
        ProjectEventV1.KickedOff kickoff = new ProjectEventV1.KickedOff(UUID.randomUUID(), client.tenant,
                UUID.randomUUID(), 1, booking, UUID.randomUUID(), client.user, client.recipient, "Maria Lopez",
                "Europe/Madrid", "The Salt Road", LocalDate.parse("2030-07-01"), List.of(
                        new ProjectEventV1.Phase(2, "Line edit", LocalDate.parse("2030-07-15"), LocalDate.parse("2030-08-15"),
                                List.of(new ProjectEventV1.Deliverable("Edited manuscript", LocalDate.parse("2030-08-15")))),
                        new ProjectEventV1.Phase(1, "Assessment", LocalDate.parse("2030-07-01"), LocalDate.parse("2030-07-14"),
                                List.of(new ProjectEventV1.Deliverable("Editorial letter", LocalDate.parse("2030-07-14"))))),
                Instant.now());

        client.send(kickoff);
        client.send(kickoff);

        MimeMessage email = client.awaitMessage("Your project \"The Salt Road\" starts Monday 1 July 2030");
        String text = SmtpServer.textOf(email);
        assertTrue(text.indexOf("1. Assessment: Monday 1 July 2030 to Sunday 14 July 2030") >= 0, text);
        assertTrue(text.indexOf("Editorial letter, due Sunday 14 July 2030") > text.indexOf("1. Assessment"), text);
        assertTrue(text.indexOf("2. Line edit") > text.indexOf("Editorial letter"), "phases in their order: " + text);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 1);
    }

    @Test
    void laterProjectChangesAreAppliedAsNothingToSend() {
        UUID project = UUID.randomUUID();
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.PROJECT_EVENTS))) {
            client.send(new ProjectEventV1.StatusChanged(UUID.randomUUID(), client.tenant, project, 2, client.user,
                    "kickoff", "active", UUID.randomUUID(), Instant.now()));
            client.send(new ProjectEventV1.KickedOff(UUID.randomUUID(), client.tenant, project, 1, UUID.randomUUID(),
                    UUID.randomUUID(), client.user, client.recipient, "Maria Lopez", "Europe/Madrid", "Second Draft",
                    LocalDate.parse("2030-07-01"), List.of(), Instant.now()));

            client.awaitMessage("Your project \"Second Draft\" starts Monday 1 July 2030");
            assertTrue(deadLetters.drain(Duration.ofSeconds(2)).stream()
                    .noneMatch(record -> project.toString().equals(record.key())), "a status change is not poison");
            assertEquals(1, client.inbox().size(), "a status change sends no email");
        }
    }

    @Test
    void anUnreadableProjectEventIsDeadLetteredWithItsReason() {
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.PROJECT_EVENTS))) {
            String key = "poison-" + UUID.randomUUID();
            client.send(Topics.PROJECT_EVENTS, key, "{\"type\":\"project.exploded\"}");

            var dead = deadLetters.await(r -> key.equals(r.key()), Duration.ofSeconds(30));
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("project.exploded"));
        }
    }
}
