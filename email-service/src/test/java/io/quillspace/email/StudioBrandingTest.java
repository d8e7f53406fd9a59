package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.StudioEventV1;
import io.quillspace.shared.events.Topics;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A studio's events name its clients' emails and hold them while it is suspended. */
@QuarkusTest
class StudioBrandingTest extends AtFixedTime {

    static final StudioEventV1.Profile PROFILE = new StudioEventV1.Profile("Ink & Quill", "Europe/Lisbon",
            "Ink & Quill \"Editors\"", "hello@inkquill.example", "https://cdn.inkquill.example/logo.png",
            "https://inkquill.example");

    @Test
    void aStudiosEmailsCarryItsDisplayNameWithTheConfiguredAddressAndItsReplyTo() throws Exception {
        studio(new StudioEventV1.Created(UUID.randomUUID(), client.tenant, 1, PROFILE, "active", Instant.now()));
        awaitStudio(1);

        client.send(client.created(UUID.randomUUID(), NOW.plus(Duration.ofDays(3))));

        MimeMessage confirmation = client.awaitMessage("Your consultation is confirmed");
        InternetAddress from = (InternetAddress) confirmation.getFrom()[0];
        assertEquals("Ink & Quill \"Editors\"", from.getPersonal());
        assertEquals("studio@quillspace.example", from.getAddress());
        assertArrayEquals(new InternetAddress[]{new InternetAddress("hello@inkquill.example")}, confirmation.getReplyTo());
    }

    @Test
    void aBrandedStudiosConfirmationShowsItsNameAndEscapedLogoAndAnUnbrandedOneNoImage() throws Exception {
        StudioEventV1.Profile hostileLogo = new StudioEventV1.Profile("Ink & Quill", "Europe/Lisbon", null, null,
                "https://cdn.inkquill.example/logo.png?size=2&v=\"x\"", null);
        studio(new StudioEventV1.Created(UUID.randomUUID(), client.tenant, 1, hostileLogo, "active", Instant.now()));
        awaitStudio(1);
        client.send(client.created(UUID.randomUUID(), NOW.plus(Duration.ofDays(3))));

        MimeMessage branded = client.awaitMessage("Your consultation is confirmed");
        String html = SmtpServer.partOf(branded, "text/html");
        assertTrue(html.contains("<img src=\"https://cdn.inkquill.example/logo.png?size=2&amp;v=&quot;x&quot;\" "
                + "alt=\"Ink &amp; Quill\""), html);
        assertTrue(html.contains("with Ink &amp; Quill is confirmed") && html.contains("<br>Ink &amp; Quill</p>"), html);
        assertTrue(SmtpServer.partOf(branded, "text/plain").contains("with Ink & Quill is confirmed"));

        try (BookingEmails unbranded = new BookingEmails(bootstrapServers, "tom-" + UUID.randomUUID() + "@example.org")) {
            unbranded.send(unbranded.created(UUID.randomUUID(), NOW.plus(Duration.ofDays(3))));
            String plain = SmtpServer.partOf(unbranded.awaitMessage("Your consultation is confirmed"), "text/html");
            assertFalse(plain.contains("<img"), plain);
            assertTrue(plain.contains("with QuillSpace is confirmed"), plain);
        }
    }

    @Test
    void aSuspendedStudiosJobsAreHeldAndSentOnceItIsResumedAndALateEventChangesNothing() {
        studio(new StudioEventV1.Created(UUID.randomUUID(), client.tenant, 1, PROFILE, "active", Instant.now()));
        studio(new StudioEventV1.Suspended(UUID.randomUUID(), client.tenant, 2, PROFILE, "suspended", Instant.now()));
        awaitStudio(2);
        UUID booking = UUID.randomUUID();

        client.send(client.created(booking, NOW.plus(Duration.ofDays(3))));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PENDING".equals(client.job(booking, "CONFIRMATION").get("status")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().isEmpty());
        assertEquals("PENDING", client.job(booking, "CONFIRMATION").get("status"));

        studio(new StudioEventV1.Resumed(UUID.randomUUID(), client.tenant, 3, PROFILE, "active", Instant.now()));
        studio(new StudioEventV1.Suspended(UUID.randomUUID(), client.tenant, 2, PROFILE, "suspended", Instant.now()));

        client.awaitMessage("Your consultation is confirmed");
        client.awaitJob(booking, "CONFIRMATION", "SENT");
        assertEquals(List.of(Map.of("status", "active", "version", 3L)), studioRow());
    }

    @Test
    void anUnreadableStudioEventGoesToTheDeadLetterTopicWithItsReason() {
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.STUDIO_EVENTS))) {
            String key = UUID.randomUUID().toString();
            client.send(Topics.STUDIO_EVENTS, key, "{\"type\":\"studio.created\",\"eventId\":\"" + key + "\"}");

            var dead = deadLetters.await(record -> key.equals(record.key()), Duration.ofSeconds(20));
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("studioId"),
                    TopicProbe.header(dead, "dead-letter-reason"));
        }
    }

    private void studio(StudioEventV1 event) {
        client.send(Topics.STUDIO_EVENTS, event.studioId().toString(), StudioEventV1.encode(event));
    }

    private void awaitStudio(long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> studioRow().stream()
                .anyMatch(row -> ((Number) row.get("version")).longValue() == version));
    }

    private List<Map<String, Object>> studioRow() {
        return DatabaseProbe.asRuntimeRole().queryAs(client.tenant, null, "service",
                "select status, version from studios where tenant_id = ?", client.tenant);
    }
}
