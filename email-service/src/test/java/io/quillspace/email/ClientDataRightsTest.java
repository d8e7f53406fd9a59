package io.quillspace.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.DatabaseSecurityChecks;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.ClientEventV1;
import io.quillspace.shared.events.Topics;
import jakarta.mail.MessagingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client's export and erasure requests, answered by email-service from client-events.v1. */
@QuarkusTest
class ClientDataRightsTest {

    private static final Instant START = Instant.parse("2037-03-14T09:00:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    BookingEmails client;
    DatabaseProbe owner;

    @BeforeEach
    void book() {
        client = new BookingEmails(bootstrapServers);
        owner = DatabaseProbe.asMigrationOwner();
        client.send(client.created(UUID.randomUUID(), START));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(client.recipient) == 1);
        DatabaseProbe.asRuntimeRole().updateAs(client.tenant.toString(), "", "service",
                "insert into email_suppressions (tenant_id, email) values (?, ?)", client.tenant, client.recipient);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void anExportRequestIsAnsweredWithTheClientsJobsSentMetadataAndSuppressions() {
        UUID request = UUID.randomUUID();
        try (TopicProbe parts = TopicProbe.atEnd(bootstrapServers, Topics.CLIENT_EVENTS)) {
            request(new ClientEventV1.ExportRequested(UUID.randomUUID(), client.tenant, request, client.user,
                    client.user, Instant.now()));
            var record = parts.await(r -> new String(r.value(), StandardCharsets.UTF_8).contains(request.toString())
                    && ClientEventV1.decode(r.value()) instanceof ClientEventV1.ExportPart, Duration.ofSeconds(30));

            var part = (ClientEventV1.ExportPart) ClientEventV1.decode(record.value());
            assertEquals("email", part.service());
            JsonNode jobs = part.part().get("emailJobs");
            assertTrue(jobs.size() >= 2, "the confirmation and the reminders: " + jobs);
            JsonNode confirmation = null;
            for (JsonNode job : jobs) {
                assertEquals(client.recipient, job.get("recipient").asText());
                assertFalse(job.has("claim_token"), "leases are the dispatcher's bookkeeping");
                if ("CONFIRMATION".equals(job.get("kind").asText())) {
                    confirmation = job;
                }
            }
            assertEquals("SENT", confirmation.get("status").asText());
            assertFalse(confirmation.get("sent_at").isNull());
            assertFalse(confirmation.get("message_id").asText().isEmpty());
            assertFalse(confirmation.get("smtp_response").isNull());
            assertEquals(client.recipient, part.part().get("suppressions").get(0).get("email").asText());
        }
    }

    @Test
    void erasureLeavesNoAddressOrContextCancelsWhatIsPendingAndNothingIsSentAgain() {
        // A relay that echoes the recipient in its answer: the job history (V9) keeps answers as written.
        assertEquals(1, owner.updateAs(client.tenant.toString(), "", "service", """
                insert into email_job_history (tenant_id, job_id, user_id, event, from_status, to_status, reason,
                                               scheduled_for)
                select tenant_id, id, user_id, 'SENT', 'PENDING', 'SENT', '250 2.0.0 accepted for <' || recipient || '>',
                       scheduled_for
                from email_jobs where user_id = ? and kind = 'CONFIRMATION'""", client.user), "the confirmation to echo");
        request(new ClientEventV1.ErasureRequested(UUID.randomUUID(), client.tenant, UUID.randomUUID(), client.user,
                UUID.randomUUID(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !owner.queryAs(client.tenant, null, "service",
                "select 1 from erased_clients where user_id = ?", client.user).isEmpty());

        String everything = owner.queryAs(client.tenant, null, "service", """
                        select coalesce((select string_agg(to_jsonb(j)::text, '') from email_jobs j), '')
                            || coalesce((select string_agg(to_jsonb(b)::text, '') from booking_projection b), '')
                            || coalesce((select string_agg(to_jsonb(s)::text, '') from email_suppressions s), '')
                            || coalesce((select string_agg(to_jsonb(h)::text, '') from email_job_history h), '') as rows""")
                .get(0).get("rows").toString();
        for (String personal : List.of(client.recipient, "Maria Lopez", "zoom.us")) {
            assertFalse(everything.contains(personal), personal + " is still held: " + everything);
        }
        List<Map<String, Object>> statuses = owner.queryAs(client.tenant, null, "service",
                "select kind, status from email_jobs where user_id = ? order by kind", client.user);
        assertTrue(statuses.size() >= 2, statuses.toString());
        statuses.forEach(job -> assertTrue(List.of("SENT", "CANCELLED").contains((String) job.get("status")),
                "a pending email is cancelled: " + statuses));

        // A later booking of the erased client is written as tombstones only; the record after it proves it was read.
        BookingEventV1.Created late = client.created(UUID.randomUUID(), START.plus(Duration.ofDays(7)));
        BookingEmails other = new BookingEmails(bootstrapServers);
        BookingEventV1.Created marker = new BookingEventV1.Created(UUID.randomUUID(), client.tenant, UUID.randomUUID(), 1,
                other.user, other.recipient, "Tom Okafor", late.eventName(), late.startTime(), late.endTime(),
                late.inviteeTimeZone(), late.location(), late.cancelUrl(), late.rescheduleUrl(), null, Instant.now());
        client.send(Topics.BOOKING_EVENTS, "same-partition", BookingEventV1.encode(late));
        client.send(Topics.BOOKING_EVENTS, "same-partition", BookingEventV1.encode(marker));
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(other.recipient) == 1);
        other.close();

        List<Map<String, Object>> lateJobs = owner.queryAs(client.tenant, null, "service",
                "select status, recipient from email_jobs where booking_id = ?", late.bookingId());
        assertFalse(lateJobs.isEmpty(), "the late booking's jobs are written, as tombstones");
        lateJobs.forEach(job -> assertEquals(Map.of("status", "CANCELLED", "recipient", "erased@erased.invalid"), job));
        assertFalse(owner.queryAs(client.tenant, null, "service", """
                        select coalesce((select string_agg(to_jsonb(j)::text, '') from email_jobs j), '')
                            || coalesce((select string_agg(to_jsonb(b)::text, '') from booking_projection b), '') as rows""")
                .get(0).get("rows").toString().contains(client.recipient));
        assertEquals(1, messagesTo(client.recipient), "only the confirmation sent before the erasure");
    }

    @Test
    void theRuntimeRoleMayOnlyAppendErasedClientsAndRunsTheErasureAsItsOwner() {
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "erased_clients"));
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "email_suppressions"));
        assertTrue(DatabaseSecurityChecks.runsAsAnotherOwnerForTheRuntimeRole(runtime, "erase_client"));
    }

    private void request(ClientEventV1 event) {
        client.send(Topics.CLIENT_EVENTS, event.key(), ClientEventV1.encode(event));
    }

    private static long messagesTo(String recipient) {
        return Infrastructure.shared().smtp().receivedMessages().stream().filter(message -> {
            try {
                return message.getAllRecipients()[0].toString().equals(recipient);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }
}
