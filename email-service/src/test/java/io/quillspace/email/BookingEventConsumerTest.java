package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.Topics;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class BookingEventConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;




    KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    @Test
    void bookingCreatedSendsAConfirmationShowingTheInviteesLocalTime() throws Exception {
        String recipient = "writer-" + UUID.randomUUID() + "@example.org";

        send(created(recipient));

        MimeMessage message = awaitMessagesTo(recipient, 1).get(0);
        assertTrue(message.getSubject().contains("Saturday 14 March 2037 at 10:00 (Europe/Madrid)"), message.getSubject());
        String body = SmtpServer.textOf(message);
        assertTrue(body.contains("Saturday 14 March 2037, 10:00–10:45 (Europe/Madrid time)"), body);
        assertTrue(body.contains("Maria Lopez"), body);
    }

    @Test
    void redeliveredBookingCreatedSendsOneConfirmation() throws Exception {
        String recipient = "once-" + UUID.randomUUID() + "@example.org";
        BookingEventV1.Created event = created(recipient);

        send(event);
        send(event);

        awaitMessagesTo(recipient, 1);
        // Give a second (wrong) email every chance to arrive: three dispatch passes.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> messagesTo(recipient).size() == 1);
    }

    @Test
    void bookingCanceledWithdrawsThePendingEmailsAndSendsOnlyTheCancellation() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID booking = UUID.randomUUID();
        String recipient = "canceled-" + UUID.randomUUID() + "@example.org";
        UUID job = pendingJob(tenant, booking, recipient);

        send(new BookingEventV1.Canceled(UUID.randomUUID(), tenant, booking, 2, UUID.randomUUID(), recipient,
                "Maria Lopez", "Manuscript consultation (45 min)", Instant.parse("2037-03-14T09:00:00Z"),
                Instant.parse("2037-03-14T09:45:00Z"), "Europe/Madrid", "Maria Lopez", "Family emergency", "invitee",
                Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(statusOf(tenant, job)));
        // Due now: were it still pending, the dispatcher would send it.
        assertEquals(1, DatabaseProbe.asRuntimeRole().updateAs(tenant.toString(), "", "service",
                "update email_jobs set scheduled_for = now() - interval '1 minute' where id = ?", job));
        MimeMessage cancellation = awaitMessagesTo(recipient, 1).get(0);
        assertTrue(cancellation.getSubject().contains("is canceled"), cancellation.getSubject());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> messagesTo(recipient).size() == 1);
        assertEquals("CANCELLED", statusOf(tenant, job));
    }

    @Test
    void bookingRescheduledCancelsTheOldBookingsPendingEmails() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID oldBooking = UUID.randomUUID();
        UUID job = pendingJob(tenant, oldBooking, "moved-" + UUID.randomUUID() + "@example.org");

        send(new BookingEventV1.Rescheduled(UUID.randomUUID(), tenant, oldBooking, 2, UUID.randomUUID(),
                UUID.randomUUID(), "tom@example.org", "Tom Okafor", "Tom Okafor", null, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(statusOf(tenant, job)));
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicWithItsReason() {
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.BOOKING_EVENTS))) {
            String key = "poison-" + UUID.randomUUID();
            producer.send(new ProducerRecord<>(Topics.BOOKING_EVENTS, key,
                    "{\"type\":\"booking.exploded\"}".getBytes(StandardCharsets.UTF_8)));
            producer.flush();

            var dead = deadLetters.await(r -> key.equals(r.key()), Duration.ofSeconds(20));
            assertNotNull(TopicProbe.header(dead, "dead-letter-reason"));
        }
    }

    @Test
    void aJobThatCannotBeRenderedDoesNotHoldBackTheTenantsOtherEmails() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID broken = UUID.randomUUID();
        DatabaseProbe.asRuntimeRole().updateAs(tenant.toString(), "", "service", """
                        insert into email_jobs (id, tenant_id, booking_id, user_id, kind, status, recipient, context,
                                                scheduled_for, message_id)
                        values (?, ?, ?, ?, 'CONFIRMATION', 'PENDING', 'broken@example.org',
                                '{"inviteeTimeZone": "Not/AZone", "startTime": "2037-03-14T09:00:00Z",
                                  "endTime": "2037-03-14T09:45:00Z"}'::jsonb,
                                now() - interval '1 minute', '<' || gen_random_uuid() || '@test>')""",
                broken, tenant, UUID.randomUUID(), UUID.randomUUID());
        String recipient = "unblocked-" + UUID.randomUUID() + "@example.org";

        send(created(tenant, recipient));

        awaitMessagesTo(recipient, 1);
        var job = DatabaseProbe.asRuntimeRole()
                .queryAs(tenant, null, "service", "select status, attempts, last_error from email_jobs where id = ?", broken)
                .get(0);
        // Rendering it again would fail the same way: it fails for good, with a reason an admin can read.
        assertEquals("FAILED", job.get("status"));
        assertEquals(1, job.get("attempts"));
        String reason = (String) job.get("last_error");
        assertTrue(reason.startsWith("the email could not be rendered: ") && reason.contains("Not/AZone"), reason);
        assertTrue(messagesTo("broken@example.org").isEmpty());
    }

    private static BookingEventV1.Created created(String recipient) {
        return created(UUID.randomUUID(), recipient);
    }

    private static BookingEventV1.Created created(UUID tenant, String recipient) {
        return new BookingEventV1.Created(UUID.randomUUID(), tenant, UUID.randomUUID(), 1, UUID.randomUUID(),
                recipient, "Maria Lopez", "Manuscript consultation (45 min)",
                Instant.parse("2037-03-14T09:00:00Z"), Instant.parse("2037-03-14T09:45:00Z"), "Europe/Madrid",
                new BookingEventV1.MeetingLocation("zoom", null, "https://zoom.us/j/123"),
                "https://calendly.com/cancellations/INV1AAAA", "https://calendly.com/reschedulings/INV1AAAA", null,
                Instant.now());
    }

    private void send(BookingEventV1 event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.BOOKING_EVENTS, event.bookingId().toString(),
                BookingEventV1.encode(event).getBytes(StandardCharsets.UTF_8))).get();
    }

    /** A job of the booking that is not due yet, as a reminder would be. */
    private static UUID pendingJob(UUID tenant, UUID booking, String recipient) {
        UUID job = UUID.randomUUID();
        DatabaseProbe.asRuntimeRole().updateAs(tenant.toString(), "", "service", """
                        insert into email_jobs (id, tenant_id, booking_id, user_id, kind, status, recipient, context,
                                                scheduled_for, message_id)
                        values (?, ?, ?, ?, 'CONFIRMATION', 'PENDING', ?,
                                '{"inviteeTimeZone": "Europe/Madrid", "startTime": "2037-03-14T09:00:00Z",
                                  "endTime": "2037-03-14T09:45:00Z"}'::jsonb,
                                now() + interval '1 hour', '<' || gen_random_uuid() || '@test>')""",
                job, tenant, booking, UUID.randomUUID(), recipient);
        return job;
    }

    private static String statusOf(UUID tenant, UUID job) {
        return (String) DatabaseProbe.asRuntimeRole()
                .queryAs(tenant, null, "service", "select status from email_jobs where id = ?", job).get(0).get("status");
    }

    private static List<MimeMessage> awaitMessagesTo(String recipient, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(recipient).size() >= count);
        List<MimeMessage> messages = messagesTo(recipient);
        assertEquals(count, messages.size());
        return messages;
    }

    private static List<MimeMessage> messagesTo(String recipient) {
        return Infrastructure.shared().smtp().receivedMessages().stream()
                .filter(message -> {
                    try {
                        return message.getAllRecipients()[0].toString().equals(recipient);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
