package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Booking events that arrive together: the producer lingers so that they reach the broker in one request and the
 * consumer's next poll holds them all, applied one tenant's share per transaction.
 */
@QuarkusTest
class BookingEventBatchTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    KafkaProducer<String, byte[]> producer;
    final List<BookingEmails> clients = new ArrayList<>();

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 1000),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
        clients.forEach(BookingEmails::close);
    }

    @Test
    void aPoisonRecordInTheMiddleOfABatchIsDeadLetteredAloneAndTheRestAppliedOnce() {
        BookingEmails client = client();
        BookingEventV1.Created before = client.created(UUID.randomUUID(), inDays(3));
        BookingEventV1.Created after = client.created(UUID.randomUUID(), inDays(4));
        // Readable, but it cannot be applied: a booking without a meeting time has no email sequence.
        BookingEventV1.Created timeless = new BookingEventV1.Created(UUID.randomUUID(), client.tenant, UUID.randomUUID(),
                1, client.user, client.recipient, "Maria Lopez", "Manuscript consultation (45 min)", null, null,
                "Europe/Madrid", null, null, null, null, Instant.now());
        String unreadableKey = "poison-" + UUID.randomUUID();

        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.BOOKING_EVENTS))) {
            sendTogether(record(before), record(timeless),
                    new ProducerRecord<>(Topics.BOOKING_EVENTS, unreadableKey, "{\"type\":".getBytes(StandardCharsets.UTF_8)),
                    record(after));

            ConsumerRecord<String, byte[]> deadTimeless = deadLetters.await(
                    r -> timeless.bookingId().toString().equals(r.key()), Duration.ofSeconds(30));
            String reason = TopicProbe.header(deadTimeless, "dead-letter-reason");
            assertTrue(reason.contains(timeless.eventId().toString()), reason);
            assertEquals(Topics.BOOKING_EVENTS, TopicProbe.header(deadTimeless, "dead-letter-topic"));
            ConsumerRecord<String, byte[]> deadUnreadable = deadLetters.await(r -> unreadableKey.equals(r.key()),
                    Duration.ofSeconds(30));
            assertTrue(TopicProbe.header(deadUnreadable, "dead-letter-reason").startsWith("unreadable record"));

            client.awaitJob(before.bookingId(), "CONFIRMATION", "SENT");
            client.awaitJob(after.bookingId(), "CONFIRMATION", "SENT");
            assertEquals(List.of(), client.jobs(timeless.bookingId()));
            assertEquals(4, client.jobs(before.bookingId()).size(), "confirmation, two reminders, follow-up");
            assertEquals(4, client.jobs(after.bookingId()).size(), "confirmation, two reminders, follow-up");
            assertEquals(List.of(), deadLetters.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> !r.key().equals(timeless.bookingId().toString()) && !r.key().equals(unreadableKey))
                    .toList());
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 2);
    }

    @Test
    void theSameEventTwiceInOneBatchMakesOneSetOfJobs() {
        BookingEmails client = client();
        BookingEventV1.Created event = client.created(UUID.randomUUID(), inDays(3));

        sendTogether(record(event), record(event));

        client.awaitJob(event.bookingId(), "CONFIRMATION", "SENT");
        assertEquals(List.of("CONFIRMATION", "FOLLOW_UP", "REMINDER_1H", "REMINDER_24H"),
                client.jobs(event.bookingId()).stream().map(job -> (String) job.get("kind")).sorted().toList());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 1);
    }

    @Test
    void aBookingCreatedAndCanceledInOneBatchGetsOnlyTheCancellation() throws Exception {
        BookingEmails client = client();
        BookingEventV1.Created created = client.created(UUID.randomUUID(), inDays(3));

        sendTogether(record(created), record(client.canceled(created, 2)));

        client.awaitJob(created.bookingId(), "CANCELLATION", "SENT");
        var statuses = client.jobs(created.bookingId()).stream()
                .collect(java.util.stream.Collectors.toMap(job -> (String) job.get("kind"), job -> (String) job.get("status")));
        assertEquals(Map.of("CONFIRMATION", "CANCELLED", "REMINDER_24H", "CANCELLED", "REMINDER_1H", "CANCELLED",
                "FOLLOW_UP", "CANCELLED", "CANCELLATION", "SENT"), statuses);
        assertEquals("CANCELED", DatabaseProbe.asRuntimeRole().queryAs(client.tenant, null, "service",
                "select status from booking_projection where booking_id = ?", created.bookingId()).get(0).get("status"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 1);
        assertTrue(client.awaitMessage("").getSubject().contains("is canceled"));
    }

    @Test
    void aBatchMixingTenantsKeepsEachTenantsJobsToItself() {
        BookingEmails first = client();
        BookingEmails second = client();
        BookingEventV1.Created ofFirst = first.created(UUID.randomUUID(), inDays(3));
        BookingEventV1.Created ofSecond = second.created(UUID.randomUUID(), inDays(3));
        BookingEventV1.Created againOfFirst = first.created(UUID.randomUUID(), inDays(5));

        sendTogether(record(ofFirst), record(ofSecond), record(againOfFirst));

        first.awaitJob(ofFirst.bookingId(), "CONFIRMATION", "SENT");
        first.awaitJob(againOfFirst.bookingId(), "CONFIRMATION", "SENT");
        second.awaitJob(ofSecond.bookingId(), "CONFIRMATION", "SENT");
        // Each tenant sees its own bookings' jobs only (Row-Level Security), and all of them.
        assertEquals(List.of(), first.jobs(ofSecond.bookingId()));
        assertEquals(List.of(), second.jobs(ofFirst.bookingId()));
        assertEquals(8L, DatabaseProbe.asRuntimeRole().queryAs(first.tenant, null, "service",
                "select count(*) as n from email_jobs").get(0).get("n"));
        assertEquals(4L, DatabaseProbe.asRuntimeRole().queryAs(second.tenant, null, "service",
                "select count(*) as n from email_jobs").get(0).get("n"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> first.inbox().size() == 2 && second.inbox().size() == 1);
    }

    private BookingEmails client() {
        BookingEmails client = new BookingEmails(bootstrapServers);
        clients.add(client);
        return client;
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    }

    private static ProducerRecord<String, byte[]> record(BookingEventV1 event) {
        return new ProducerRecord<>(Topics.BOOKING_EVENTS, event.bookingId().toString(),
                BookingEventV1.encode(event).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the records in order, in one request to the broker. */
    @SafeVarargs
    private void sendTogether(ProducerRecord<String, byte[]>... records) {
        for (ProducerRecord<String, byte[]> record : records) {
            producer.send(record);
        }
        producer.flush();
    }
}
