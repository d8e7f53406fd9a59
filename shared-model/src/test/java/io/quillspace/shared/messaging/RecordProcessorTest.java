package io.quillspace.shared.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordProcessorTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordProcessor<String> processor = new RecordProcessor<>("topic.v1", RecordProcessorTest::decode,
            record -> "record " + record, new FailureClassifier(Set.of()), registry);

    @Test
    void aTransientFailureIsRetriedUntilItHealsAndThenCountedOnce() {
        AtomicInteger attempts = new AtomicInteger();

        processor.process(bytes("a"), record -> attempts.incrementAndGet() < 4
                ? Uni.createFrom().failure(new ConnectException("database down"))
                : Uni.createFrom().item(RecordOutcome.APPLIED)).await().atMost(Duration.ofSeconds(30));

        assertEquals(4, attempts.get());
        assertEquals(1.0, count("applied"));
        assertEquals(0.0, count("dead_lettered"));
    }

    @Test
    void aPermanentFailureIsNotRetriedAndFailsWithItsReasonForTheDeadLetterTopic() {
        AtomicInteger attempts = new AtomicInteger();

        var failure = assertThrows(UnprocessableEventException.class, () -> processor.process(bytes("b"), record -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new UnprocessableEventException("lacks start_time"));
        }).await().atMost(Duration.ofSeconds(5)));

        assertEquals(1, attempts.get());
        assertTrue(failure.getMessage().contains("record b") && failure.getMessage().contains("lacks start_time"),
                failure.getMessage());
        assertEquals(1.0, count("dead_lettered"));
    }

    @Test
    void anUndecodableValueIsDeadLetteredWithoutBeingApplied() {
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(UnprocessableEventException.class, () -> processor.process(bytes(""), record -> {
            attempts.incrementAndGet();
            return Uni.createFrom().item(RecordOutcome.APPLIED);
        }).await().atMost(Duration.ofSeconds(5)));

        assertEquals(0, attempts.get());
        assertEquals(1.0, count("dead_lettered"));
    }

    @Test
    void eachOutcomeIsCountedUnderItsOwnTag() {
        for (RecordOutcome outcome : RecordOutcome.values()) {
            processor.process(bytes("c"), record -> Uni.createFrom().item(outcome)).await().indefinitely();
        }

        for (RecordOutcome outcome : RecordOutcome.values()) {
            assertEquals(1.0, count(outcome.tag()), outcome.tag());
        }
    }

    private double count(String outcome) {
        return registry.get(RecordProcessor.METRIC).tag("channel", "topic.v1").tag("outcome", outcome).counter().count();
    }

    private static String decode(byte[] value) {
        if (value.length == 0) {
            throw new IllegalArgumentException("empty value");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
