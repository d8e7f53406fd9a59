package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.SmtpServer;
import io.quillspace.shared.events.ProjectEventV1;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The studio attaches a file to a deliverable, and the project's client is told once. */
@QuarkusTest
class DeliveryEmailTest extends AtFixedTime {

    @Test
    void aFileAttachedToADeliverableSendsTheClientOneEmail() {
        ProjectEventV1.DeliverableFileAttached attached = new ProjectEventV1.DeliverableFileAttached(UUID.randomUUID(),
                client.tenant, UUID.randomUUID(), 3, UUID.randomUUID(), client.user, client.recipient, "Maria Lopez",
                "The Salt Road", UUID.randomUUID(), "Editorial letter", UUID.randomUUID(), "Letter <final>.pdf",
                "application/pdf", 2_048, UUID.randomUUID(), Instant.now());

        client.send(attached);
        client.send(attached);

        MimeMessage email = client.awaitMessage("A new file for \"The Salt Road\": Editorial letter");
        String text = SmtpServer.textOf(email);
        assertTrue(text.contains("Dear Maria Lopez"), text);
        assertTrue(text.contains("of your project The Salt Road: Letter <final>.pdf"), text);
        assertTrue(SmtpServer.partOf(email, "text/html").contains("Letter &lt;final&gt;.pdf"), "the name is escaped");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 1);
    }
}
