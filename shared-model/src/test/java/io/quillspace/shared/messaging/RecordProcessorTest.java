package io.quillspace.shared.messaging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.TenantRecord;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordProcessorTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()
            .get("test");
    private final RecordProcessor<Named> processor = new RecordProcessor<>("topic.v1", RecordProcessorTest::decode,
            record -> "record " + record.name(), new FailureClassifier(Set.of()), registry, tracer);

    @Test
    void aTransientFailureIsRetriedUntilItHealsAndThenCountedOnce() {
        AtomicInteger attempts = new AtomicInteger();

        processor.process(record("a"), record -> attempts.incrementAndGet() < 4
                ? Uni.createFrom().failure(new ConnectException("database down"))
                : Uni.createFrom().item(RecordOutcome.APPLIED)).await().atMost(Duration.ofSeconds(30));

        assertEquals(4, attempts.get());
        assertEquals(1.0, count("applied"));
        assertEquals(0.0, count("dead_lettered"));
    }

    @Test
    void aPermanentFailureIsNotRetriedAndFailsWithItsReasonForTheDeadLetterTopic() {
        AtomicInteger attempts = new AtomicInteger();

        var failure = assertThrows(UnprocessableEventException.class, () -> processor.process(record("b"), record -> {
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

        assertThrows(UnprocessableEventException.class, () -> processor.process(record(""), record -> {
            attempts.incrementAndGet();
            return Uni.createFrom().item(RecordOutcome.APPLIED);
        }).await().atMost(Duration.ofSeconds(5)));

        assertEquals(0, attempts.get());
        assertEquals(1.0, count("dead_lettered"));
    }

    @Test
    void eachOutcomeIsCountedUnderItsOwnTag() {
        for (RecordOutcome outcome : RecordOutcome.values()) {
            processor.process(record("c"), record -> Uni.createFrom().item(outcome)).await().indefinitely();
        }

        for (RecordOutcome outcome : RecordOutcome.values()) {
            assertEquals(1.0, count(outcome.tag()), outcome.tag());
        }
    }

    @Test
    void lagIsTheAgeOfTheRecordInFlightAndZeroOnceItIsApplied() {
        Instant now = Instant.parse("2026-03-10T14:00:00Z");
        var timed = new RecordProcessor<>("timed.v1", RecordProcessorTest::decode, record -> "record " + record.name(),
                new FailureClassifier(Set.of()), registry, tracer, Clock.fixed(now, ZoneOffset.UTC));
        AtomicReference<Double> lagWhileApplying = new AtomicReference<>();

        timed.process(record("d", now.minusSeconds(90).toEpochMilli()), record -> {
            lagWhileApplying.set(registry.get(RecordProcessor.LAG_METRIC).tag("channel", "timed.v1").gauge().value());
            return Uni.createFrom().item(RecordOutcome.APPLIED);
        }).await().indefinitely();

        assertEquals(90.0, lagWhileApplying.get());
        assertEquals(0.0, registry.get(RecordProcessor.LAG_METRIC).tag("channel", "timed.v1").gauge().value());
    }

    @Test
    void aRecordIsAppliedInAConsumerSpanThatContinuesTheProducersTrace() {
        ConsumerRecord<String, byte[]> traced = record("e");
        traced.headers().add(TraceContext.TRACEPARENT,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));
        AtomicReference<SpanContext> currentWhileApplying = new AtomicReference<>();

        processor.process(traced, record -> {
            currentWhileApplying.set(Span.current().getSpanContext());
            return Uni.createFrom().item(RecordOutcome.APPLIED);
        }).await().indefinitely();

        SpanData span = spans.getFinishedSpanItems().get(0);
        assertEquals("topic.v1 process", span.getName());
        assertEquals(SpanKind.CONSUMER, span.getKind());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", span.getTraceId());
        assertEquals("00f067aa0ba902b7", span.getParentSpanId());
        assertEquals(span.getSpanId(), currentWhileApplying.get().getSpanId(), "what the record causes is in the span");
        assertFalse(Span.current().getSpanContext().isValid(), "and the span is no longer current afterwards");
    }

    @Test
    void whileARecordIsAppliedItsIdsAreLogFieldsAndAfterwardsTheyAreGone() {
        UUID tenant = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        var deliveries = new RecordProcessor<>("calendly.v1", value -> new CalendlyDeliveryV1(delivery, tenant,
                "invitee.created", Instant.now(), Instant.now(), JsonNodeFactory.instance.objectNode()),
                record -> "delivery " + record.deliveryId(), new FailureClassifier(Set.of()), registry, tracer);
        AtomicReference<Map<String, Object>> fieldsWhileApplying = new AtomicReference<>();

        deliveries.process(record("f"), record -> {
            fieldsWhileApplying.set(Map.copyOf(MDC.getMap()));
            return Uni.createFrom().item(RecordOutcome.APPLIED);
        }).await().indefinitely();

        assertEquals(tenant.toString(), fieldsWhileApplying.get().get("tenantId"));
        assertEquals(delivery.toString(), fieldsWhileApplying.get().get("deliveryId"));
        assertNull(MDC.get("deliveryId"));
    }

    @Test
    void tenantsSharesOfABatchAreAppliedAtOnceEachOnAContextOfItsOwn() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context consumer = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            CompletableFuture<Void> secondStarted = new CompletableFuture<>();
            Set<Context> contexts = ConcurrentHashMap.newKeySet();
            CompletableFuture<Void> done = new CompletableFuture<>();
            // Each record decodes with a tenant of its own, so the batch has two shares.
            consumer.runOnContext(ignored -> processor.processBatch(List.of(record("first"), record("second")),
                    (tenant, records) -> {
                        contexts.add(Vertx.currentContext());
                        if (records.get(0).record().name().equals("first")) {
                            // Ends only once the second share has started: applied one after the other, it never would.
                            return Uni.createFrom().completionStage(secondStarted).replaceWith(List.of(RecordOutcome.APPLIED));
                        }
                        secondStarted.complete(null);
                        return Uni.createFrom().item(List.of(RecordOutcome.APPLIED));
                    }, new DeadLetterTopic(null)).subscribe().with(ok -> done.complete(null), done::completeExceptionally));

            done.get(10, TimeUnit.SECONDS);
            assertEquals(2, contexts.size());
            assertFalse(contexts.contains(consumer));
            assertEquals(2.0, count("applied"));
        } finally {
            vertx.close();
        }
    }

    private double count(String outcome) {
        return registry.get(RecordProcessor.METRIC).tag("channel", "topic.v1").tag("outcome", outcome).counter().count();
    }

    /** A contract of one name, for the tests that need none of a real one's fields. */
    private record Named(String name, UUID tenantId) implements TenantRecord {

        @Override
        public Map<String, String> logFields() {
            return Map.of("tenantId", tenantId.toString());
        }
    }

    private static Named decode(byte[] value) {
        if (value.length == 0) {
            throw new IllegalArgumentException("empty value");
        }
        return new Named(new String(value, StandardCharsets.UTF_8), UUID.randomUUID());
    }

    private static ConsumerRecord<String, byte[]> record(String value) {
        return record(value, System.currentTimeMillis());
    }

    private static ConsumerRecord<String, byte[]> record(String value, long timestamp) {
        return new ConsumerRecord<>("topic.v1", 0, 0, timestamp, TimestampType.CREATE_TIME, 0, 0, "key",
                value.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty());
    }
}
