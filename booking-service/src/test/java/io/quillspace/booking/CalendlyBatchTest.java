package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.quillspace.booking.calendly.CalendlyDeliveryConsumer;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.ManagementInterface;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches the consumer could be handed by one poll, applied by the real consumer bean to the real database: the
 * grouping of records into a batch is chosen here, so each case is exact; dead letters and booking events go through
 * the real broker.
 */
@QuarkusTest
class CalendlyBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PARTITION = 5;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    CalendlyDeliveryConsumer consumer;

    @Inject
    Vertx vertx;

    CalendlyDeliveries calendly;
    TopicProbe bookingEvents;
    long nextOffset = 1_000_000;

    @BeforeEach
    void open() {
        calendly = new CalendlyDeliveries(bootstrapServers);
        bookingEvents = TopicProbe.atEnd(bootstrapServers, Topics.BOOKING_EVENTS);
    }

    @AfterEach
    void close() {
        calendly.close();
        bookingEvents.close();
    }

    @Test
    void aPoisonRecordInTheMiddleIsDeadLetteredWithTheConnectorsHeadersAndTheRestIsApplied() throws Exception {
        CalendlyDeliveryV1 first = calendly.fixture("invitee.created.json");
        CalendlyDeliveryV1 poison = calendly.fixture("invitee.created.json", payload -> {
            payload.put("uri", calendly.inviteeUri("INV2BBBB"));
            payload.withObject("scheduled_event").remove("start_time");
        });
        CalendlyDeliveryV1 last = calendly.fixture("invitee.created.json", payload -> {
            payload.put("uri", calendly.inviteeUri("INV3CCCC"));
            payload.put("email", "third.writer@example.org");
        });
        double deadLetteredBefore = consumerRecords("dead_lettered");
        double appliedBefore = consumerRecords("applied");
        List<ConsumerRecord<String, byte[]>> batch = records(first, poison, last);

        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.CALENDLY_WEBHOOKS))) {
            consume(batch);

            var dead = deadLetters.await(r -> calendly.inviteeUri("INV2BBBB").equals(r.key()), WAIT);
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("start_time"));
            assertEquals(Topics.CALENDLY_WEBHOOKS, TopicProbe.header(dead, "dead-letter-topic"));
            assertEquals(Integer.toString(PARTITION), TopicProbe.header(dead, "dead-letter-partition"));
            assertEquals(Long.toString(batch.get(1).offset()), TopicProbe.header(dead, "dead-letter-offset"));
            assertTrue(TopicProbe.header(dead, "dead-letter-exception-class-name").endsWith("UnprocessableEventException"));
            assertEquals(CalendlyDeliveryV1.decode(dead.value()).deliveryId(), poison.deliveryId(), "the record intact");
            assertTrue(deadLetters.drain(Duration.ofSeconds(1)).stream().noneMatch(r -> r.key().equals(
                    calendly.inviteeUri("INV1AAAA")) || r.key().equals(calendly.inviteeUri("INV3CCCC"))), "only the poison");
        }
        assertEquals("applied", outcome(first));
        assertEquals("applied", outcome(last));
        assertEquals(List.of(), processed(poison));
        assertEquals(2, bookings().size());
        assertEquals(List.of("booking.created", "booking.created"), eventTypesAfterQuiet());
        assertEquals(1, consumerRecords("dead_lettered") - deadLetteredBefore);
        assertEquals(2, consumerRecords("applied") - appliedBefore, "each applied record counted once");
    }

    @Test
    void bothHalvesOfARescheduleInOneBatchLinkOldAndNewInEitherOrder() throws Exception {
        for (boolean cancelFirst : new boolean[] {true, false}) {
            try (CalendlyDeliveries studio = new CalendlyDeliveries(bootstrapServers)) {
                String oldUri = studio.inviteeUri("INV2BBBB");
                CalendlyDeliveryV1 booked = studio.fixture("invitee.created.json", payload -> {
                    payload.put("uri", oldUri);
                    payload.put("email", "tom.okafor@example.org");
                    payload.put("updated_at", "2026-03-09T16:20:00Z");
                });
                CalendlyDeliveryV1 cancelHalf = studio.fixture("reschedule.1-canceled.json");
                CalendlyDeliveryV1 createHalf = studio.fixture("reschedule.2-created.json");

                consume(cancelFirst ? records(booked, cancelHalf, createHalf) : records(booked, createHalf, cancelHalf));

                Map<String, Object> old = booking(studio, oldUri);
                Map<String, Object> moved = booking(studio, studio.inviteeUri("INV3CCCC"));
                assertEquals("RESCHEDULED", old.get("status"), "cancel first: " + cancelFirst);
                assertEquals("SCHEDULED", moved.get("status"));
                assertEquals(moved.get("id"), old.get("rescheduled_to_booking_id"), "cancel first: " + cancelFirst);
                assertEquals(old.get("id"), moved.get("rescheduled_from_booking_id"), "cancel first: " + cancelFirst);
                assertEquals(old.get("user_id"), moved.get("user_id"), "the same client");
            }
        }
    }

    @Test
    void aCancelBeforeItsCreateInOneBatchRecordsTheCreationFirstAndTheCreateIsStale() throws Exception {
        CalendlyDeliveryV1 canceled = calendly.fixture("invitee.canceled.json");
        CalendlyDeliveryV1 created = calendly.fixture("invitee.created.json");

        consume(records(canceled, created));

        assertEquals("applied", outcome(canceled));
        assertEquals("stale", outcome(created));
        Map<String, Object> booking = booking(calendly, calendly.inviteeUri("INV1AAAA"));
        assertEquals("CANCELED", booking.get("status"));
        assertEquals(List.of("CREATED: null -> SCHEDULED", "CANCELED: SCHEDULED -> CANCELED"), history(booking));
        assertEquals(List.of("booking.created", "booking.canceled"), eventTypesAfterQuiet());
    }

    @Test
    void theSameDeliveryTwiceInOneBatchIsAppliedOnceAndCountedOnceAsADuplicate() throws Exception {
        CalendlyDeliveryV1 created = calendly.fixture("invitee.created.json");
        double duplicatesBefore = consumerRecords("duplicate");

        consume(records(created, created));

        assertEquals("applied", outcome(created));
        assertEquals(1, bookings().size());
        assertEquals(List.of("booking.created"), eventTypesAfterQuiet());
        assertEquals(1, consumerRecords("duplicate") - duplicatesBefore);
    }

    /** The deliveries as one poll would return them: consecutive offsets of one partition, keyed as the ingress keys. */
    private List<ConsumerRecord<String, byte[]>> records(CalendlyDeliveryV1... deliveries) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (CalendlyDeliveryV1 delivery : deliveries) {
            String key = delivery.payload().get("uri").asText();
            records.add(new ConsumerRecord<>(Topics.CALENDLY_WEBHOOKS, PARTITION, nextOffset++, key, delivery.encode()));
        }
        return records;
    }

    /** Hands the batch to the consumer on a context of its own, as the connector does, and waits until it is acked. */
    private void consume(List<ConsumerRecord<String, byte[]>> batch) throws Exception {
        var records = new ConsumerRecords<>(Map.of(new TopicPartition(Topics.CALENDLY_WEBHOOKS, PARTITION), batch));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> consumer.consume(records).subscribe().with(done::complete,
                done::completeExceptionally));
        done.get(60, TimeUnit.SECONDS);
    }

    private static double consumerRecords(String outcome) {
        return ManagementInterface.metric("quillspace_consumer_records_total{channel=\"calendly-webhooks.v1\",outcome=\""
                + outcome + "\"}").orElse(0);
    }

    private List<Map<String, Object>> bookings() {
        return DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service", "select id from consultation_bookings");
    }

    private static Map<String, Object> booking(CalendlyDeliveries studio, String inviteeUri) {
        List<Map<String, Object>> rows = DatabaseProbe.asRuntimeRole().queryAs(studio.tenant, null, "service",
                "select * from consultation_bookings where invitee_uri = ?", inviteeUri);
        assertEquals(1, rows.size(), inviteeUri);
        return rows.get(0);
    }

    private List<String> history(Map<String, Object> booking) {
        return DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service",
                        "select * from booking_history where booking_id = ? order by id", booking.get("id")).stream()
                .map(row -> row.get("change") + ": " + row.get("from_status") + " -> " + row.get("to_status"))
                .toList();
    }

    private List<Map<String, Object>> processed(CalendlyDeliveryV1 delivery) {
        return DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service",
                "select outcome from processed_deliveries where delivery_id = ?", delivery.deliveryId());
    }

    private String outcome(CalendlyDeliveryV1 delivery) {
        List<Map<String, Object>> rows = processed(delivery);
        assertEquals(1, rows.size(), "one log entry for " + delivery.deliveryId());
        return (String) rows.get(0).get("outcome");
    }

    /** Types of every event of the tenant on the topic, once the relay had time to send anything else. */
    private List<String> eventTypesAfterQuiet() {
        return bookingEvents.drain(Duration.ofSeconds(3)).stream()
                .filter(r -> calendly.tenant.toString().equals(TopicProbe.header(r, EventHeaders.TENANT_ID)))
                .map(r -> BookingEventV1.decode(r.value()).type())
                .toList();
    }
}
