package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.shared.events.ProjectEventV1;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProjectPlannerTest {

    private static final Instant NOW = Instant.parse("2030-06-03T10:00:00Z");

    @Test
    void aKickoffIsAnnouncedAtOnce() {
        ProjectEventV1.KickedOff kickoff = new ProjectEventV1.KickedOff(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), 1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "maria@example.org",
                "Maria Lopez", "Europe/Madrid", "The Salt Road", LocalDate.parse("2030-07-01"), List.of(), NOW);
        assertEquals(Optional.of(new ProjectPlanner.Mail(kickoff.tenantId(), kickoff.bookingId(), kickoff.userId(),
                        "maria@example.org", null, MeetingContexts.of(kickoff),
                        new EmailSequence.Step(EmailJob.Kind.KICKOFF, NOW))),
                ProjectPlanner.onEvent(kickoff, NOW));
    }

    @Test
    void aDeliveredFileIsAnnouncedAtOnceOncePerFile() {
        ProjectEventV1.DeliverableFileAttached attached = new ProjectEventV1.DeliverableFileAttached(UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), 3, UUID.randomUUID(), UUID.randomUUID(), "maria@example.org",
                "Maria Lopez", "The Salt Road", UUID.randomUUID(), "Editorial letter", UUID.randomUUID(), "letter.pdf",
                "application/pdf", 2_048, UUID.randomUUID(), NOW);

        ProjectPlanner.Mail mail = ProjectPlanner.onEvent(attached, NOW).orElseThrow();

        assertEquals(EmailJob.Kind.FILE_DELIVERED, mail.step().kind());
        assertEquals(attached.fileId(), mail.subjectId());
        assertEquals(attached.bookingId(), mail.bookingId());
        assertEquals(new EmailJob.DeliveredFile("The Salt Road", "Editorial letter", "letter.pdf"),
                mail.context().delivered());
    }

    @Test
    void laterProjectChangesSendNothing() {
        assertEquals(Optional.empty(), ProjectPlanner.onEvent(new ProjectEventV1.StatusChanged(UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), 2, UUID.randomUUID(), "kickoff", "active", UUID.randomUUID(), NOW), NOW));
    }
}
