package io.quillspace.systemtest;

import io.quillspace.infra.KafkaBroker;
import io.quillspace.infra.launcher.DeadLetterReplay;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code ./quillspace dlq} against a real broker: list, replay once, never to a topic that is not the origin. */
class DeadLetterReplayTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(0);
    }

    @AfterAll
    static void stopBroker() {
        Path data = broker.dataDirectory().orElseThrow();
        broker.close();
        // Every embedded broker formats a fresh directory; one left behind per test run would fill the disk.
        assertFalse(Files.exists(data), "the embedded broker's data outlived it: " + data);
    }

    @Test
    void listingShowsTheReasonsAndSendsNothing() {
        String deadLetters = Topics.deadLetter(Topics.CALENDLY_WEBHOOKS);
        deadLetter(deadLetters, "invitee-a", "{\"broken\":", "payload.start_time is missing");
        try (TopicProbe origin = TopicProbe.atEnd(broker.bootstrapServers(), Topics.CALENDLY_WEBHOOKS)) {
            List<DeadLetterReplay.DeadLetter> listed = DeadLetterReplay.run(broker.bootstrapServers(), deadLetters, false);

            assertEquals(List.of("payload.start_time is missing"),
                    listed.stream().map(DeadLetterReplay.DeadLetter::reason).toList());
            assertEquals(List.of(), origin.drain(Duration.ofSeconds(2)), "listing must not replay");
            assertEquals(1, DeadLetterReplay.run(broker.bootstrapServers(), deadLetters, false).size(),
                    "listing must not mark anything replayed");
        }
    }

    @Test
    void replaySendsEachDeadLetterBackOnceWithoutItsDeadLetterHeaders() {
        String deadLetters = Topics.deadLetter(Topics.BOOKING_EVENTS);
        RecordMetadata dead = deadLetter(deadLetters, "booking-1", "{\"bookingId\":\"booking-1\"}", "lock timeout");
        try (TopicProbe origin = TopicProbe.atEnd(broker.bootstrapServers(), Topics.BOOKING_EVENTS)) {
            List<DeadLetterReplay.DeadLetter> replayed = DeadLetterReplay.run(broker.bootstrapServers(), deadLetters, true);

            assertEquals(1, replayed.size());
            var record = origin.await(r -> "booking-1".equals(r.key()), Duration.ofSeconds(30));
            assertArrayEquals("{\"bookingId\":\"booking-1\"}".getBytes(StandardCharsets.UTF_8), record.value());
            assertEquals(eventIdFor("booking-1"), TopicProbe.header(record, EventHeaders.EVENT_ID));
            assertNull(TopicProbe.header(record, "dead-letter-reason"));
            assertNull(TopicProbe.header(record, "dead-letter-topic"));
            assertEquals(deadLetters + "/" + dead.partition() + "/" + dead.offset(),
                    TopicProbe.header(record, "quillspace-replayed-from"));
        }
        assertEquals(List.of(), DeadLetterReplay.run(broker.bootstrapServers(), deadLetters, true),
                "a dead letter is replayed once");
    }

    @Test
    void onlyTheFleetsDeadLetterTopicsAreAccepted() {
        assertThrows(IllegalArgumentException.class,
                () -> DeadLetterReplay.run(broker.bootstrapServers(), Topics.BOOKING_EVENTS, true));
    }

    /** What the SmallRye dead-letter strategy writes: the original key, value and headers plus dead-letter-*. */
    private static RecordMetadata deadLetter(String topic, String key, String value, String reason) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            var record = new ProducerRecord<>(topic, key, value);
            record.headers().add(EventHeaders.EVENT_ID, eventIdFor(key).getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
            record.headers().add("dead-letter-topic", topic.replace(".dlq", "").getBytes(StandardCharsets.UTF_8));
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the dead letter", e);
        }
    }

    private static String eventIdFor(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
