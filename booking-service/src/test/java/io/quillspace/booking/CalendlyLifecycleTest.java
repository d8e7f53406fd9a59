package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.EventHeaders;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Calendly event a booking lives through, delivered over the real broker and applied to the real database. */
@QuarkusTest
class CalendlyLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    CalendlyDeliveries calendly;
    TopicProbe bookingEvents;

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
    void aBookingKeepsItsLocationAndTrackingAndItsHistoryStartsWithTheCreation() {
        CalendlyDeliveryV1 created = calendly.fixture("invitee.created.json");

        calendly.send(created);

        Map<String, Object> booking = awaitBooking("INV1AAAA", "SCHEDULED");
        assertTrue(booking.get("location").toString().contains("https://meet.google.com/abc-defg-hij"));
        assertTrue(booking.get("location").toString().contains("google_conference"));
        assertTrue(booking.get("tracking").toString().contains("\"utmCampaign\": \"spring\""), booking.get("tracking").toString());
        assertEquals(List.of("CREATED: null -> SCHEDULED"), history(booking));
        var event = (BookingEventV1.Created) nextEvent();
        assertEquals(1, event.sequence());
        assertEquals("https://meet.google.com/abc-defg-hij", event.location().joinUrl());
        assertNull(event.rescheduledFromBookingId());
    }

    @Test
    void aCancellationRecordsWhoAndWhyAndFollowsTheCreationOnTheTopic() {
        calendly.send(calendly.fixture("invitee.created.json"));
        awaitBooking("INV1AAAA", "SCHEDULED");
        CalendlyDeliveryV1 canceled = calendly.fixture("invitee.canceled.json");

        calendly.send(canceled);

        Map<String, Object> booking = awaitBooking("INV1AAAA", "CANCELED");
        assertEquals("Maria Lopez", booking.get("canceled_by"));
        assertEquals("Family emergency", booking.get("cancel_reason"));
        assertEquals("invitee", booking.get("canceler_type"));
        assertEquals(List.of("CREATED: null -> SCHEDULED", "CANCELED: SCHEDULED -> CANCELED"), history(booking));
        Map<String, Object> cancelEntry = historyRows(booking).get(1);
        assertEquals(canceled.deliveryId(), cancelEntry.get("delivery_id"));
        assertEquals("invitee.canceled", cancelEntry.get("calendly_event"));
        assertEquals("Maria Lopez", cancelEntry.get("actor"));
        BookingEventV1 first = nextEvent();
        BookingEventV1 second = nextEvent();
        assertTrue(first instanceof BookingEventV1.Created);
        var cancel = (BookingEventV1.Canceled) second;
        assertEquals(List.of(1L, 2L), List.of(first.sequence(), second.sequence()), "per-booking sequence");
        assertEquals(booking.get("id"), cancel.bookingId());
        assertEquals("Family emergency", cancel.reason());
    }

    @Test
    void aRescheduleLinksOldToNewWhenTheCancelArrivesFirst() {
        reschedule(true);
    }

    @Test
    void aRescheduleLinksOldToNewWhenTheCreateArrivesFirst() {
        reschedule(false);
    }

    private void reschedule(boolean cancelFirst) {
        String oldUri = calendly.inviteeUri("INV2BBBB");
        calendly.send(calendly.fixture("invitee.created.json", payload -> {
            payload.put("uri", oldUri);
            payload.put("email", "tom.okafor@example.org");
            payload.put("updated_at", "2026-03-09T16:20:00Z");
        }));
        awaitBooking("INV2BBBB", "SCHEDULED");
        CalendlyDeliveryV1 cancelHalf = calendly.fixture("reschedule.1-canceled.json");
        CalendlyDeliveryV1 createHalf = calendly.fixture("reschedule.2-created.json");

        calendly.send(cancelFirst ? cancelHalf : createHalf);
        calendly.send(cancelFirst ? createHalf : cancelHalf);

        Map<String, Object> old = awaitBooking("INV2BBBB", "RESCHEDULED");
        Map<String, Object> moved = awaitBooking("INV3CCCC", "SCHEDULED");
        assertEquals(moved.get("id"), old.get("rescheduled_to_booking_id"));
        assertEquals(old.get("id"), moved.get("rescheduled_from_booking_id"));
        assertEquals(old.get("user_id"), moved.get("user_id"), "the same client");
        assertEquals(List.of("CREATED: null -> SCHEDULED", "RESCHEDULED: SCHEDULED -> RESCHEDULED"), history(old));
        // Two bookings, two keys: their events may interleave in any order on the topic.
        List<BookingEventV1> events = List.of(nextEvent(), nextEvent(), nextEvent());
        var rescheduled = events.stream().filter(BookingEventV1.Rescheduled.class::isInstance)
                .map(BookingEventV1.Rescheduled.class::cast).findFirst().orElseThrow();
        var created = events.stream().filter(BookingEventV1.Created.class::isInstance)
                .map(BookingEventV1.Created.class::cast)
                .filter(event -> event.bookingId().equals(moved.get("id"))).findFirst().orElseThrow();
        assertEquals(old.get("id"), rescheduled.bookingId());
        assertEquals(moved.get("id"), rescheduled.newBookingId());
        assertEquals(2, rescheduled.sequence());
        assertEquals(old.get("id"), created.rescheduledFromBookingId());
    }

    @Test
    void aNoShowIsMarkedAndCleared() {
        calendly.send(calendly.fixture("invitee.created.json"));
        awaitBooking("INV1AAAA", "SCHEDULED");

        calendly.send(calendly.fixture("invitee_no_show.created.json"));
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(booking("INV1AAAA").get("no_show")));
        calendly.send(calendly.fixture("invitee_no_show.deleted.json"));
        await().atMost(WAIT).until(() -> Boolean.FALSE.equals(booking("INV1AAAA").get("no_show")));

        assertEquals(List.of("CREATED: null -> SCHEDULED", "NO_SHOW_MARKED: SCHEDULED -> SCHEDULED",
                "NO_SHOW_CLEARED: SCHEDULED -> SCHEDULED"), history(booking("INV1AAAA")));
        List<BookingEventV1> events = List.of(nextEvent(), nextEvent(), nextEvent());
        assertTrue(events.get(1) instanceof BookingEventV1.NoShowMarked);
        assertTrue(events.get(2) instanceof BookingEventV1.NoShowCleared);
        assertEquals(List.of(1L, 2L, 3L), events.stream().map(BookingEventV1::sequence).toList());
    }

    @Test
    void aNoShowClearedBeforeItsMarkTellsTheMarkFirstAndLeavesTheBookingUnmarked() {
        calendly.send(calendly.fixture("invitee.created.json"));
        awaitBooking("INV1AAAA", "SCHEDULED");
        CalendlyDeliveryV1 mark = calendly.fixture("invitee_no_show.created.json");

        calendly.send(calendly.fixture("invitee_no_show.deleted.json"));
        calendly.send(mark);

        assertEquals("stale", awaitOutcome(mark));
        assertEquals(false, booking("INV1AAAA").get("no_show"));
        assertEquals(List.of("CREATED: null -> SCHEDULED", "NO_SHOW_MARKED: SCHEDULED -> SCHEDULED",
                "NO_SHOW_CLEARED: SCHEDULED -> SCHEDULED"), history(booking("INV1AAAA")));
    }

    @Test
    void aDeliveryRepeatedFiveTimesChangesNothingAfterTheFirst() {
        CalendlyDeliveryV1 created = calendly.fixture("invitee.created.json");
        CalendlyDeliveryV1 canceled = calendly.fixture("invitee.canceled.json");

        for (int i = 0; i < 5; i++) {
            calendly.send(created);
        }
        for (int i = 0; i < 5; i++) {
            calendly.send(canceled);
        }

        Map<String, Object> booking = awaitBooking("INV1AAAA", "CANCELED");
        await().atMost(WAIT).until(() -> processed(canceled).size() == 1);
        assertEquals(List.of("CREATED: null -> SCHEDULED", "CANCELED: SCHEDULED -> CANCELED"), history(booking));
        assertEquals(List.of("booking.created", "booking.canceled"), eventTypesAfterQuiet());
        assertEquals(1, DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service",
                "select id from consultation_bookings").size());
    }

    @Test
    void aCancelOlderThanTheStoredStateIsIgnoredAndRecordedAsStale() {
        calendly.send(calendly.fixture("invitee.created.json", payload -> payload.put("updated_at", "2026-03-13T00:00:00Z")));
        awaitBooking("INV1AAAA", "SCHEDULED");
        CalendlyDeliveryV1 olderCancel = calendly.fixture("invitee.canceled.json");

        calendly.send(olderCancel);

        assertEquals("stale", awaitOutcome(olderCancel));
        assertEquals("SCHEDULED", booking("INV1AAAA").get("status"));
        assertEquals(List.of("booking.created"), eventTypesAfterQuiet());
    }

    @Test
    void aCancelBeforeItsCreateTellsTheCreationFirstAndTheLateCreateIsStale() {
        CalendlyDeliveryV1 created = calendly.fixture("invitee.created.json");

        calendly.send(calendly.fixture("invitee.canceled.json"));
        awaitBooking("INV1AAAA", "CANCELED");
        calendly.send(created);

        assertEquals("stale", awaitOutcome(created));
        Map<String, Object> booking = booking("INV1AAAA");
        assertEquals("CANCELED", booking.get("status"));
        // The same history and events as in order: the client did book before canceling.
        assertEquals(List.of("CREATED: null -> SCHEDULED", "CANCELED: SCHEDULED -> CANCELED"), history(booking));
        assertEquals(List.of("booking.created", "booking.canceled"), eventTypesAfterQuiet());
    }

    @Test
    void twoInviteesOfOneGroupEventAreTwoBookings() {
        calendly.send(calendly.fixture("invitee.created.json"));
        calendly.send(calendly.fixture("invitee.created.json", payload -> {
            payload.put("uri", calendly.inviteeUri("INV1AAAA") + "-second");
            payload.put("email", "second.writer@example.org");
        }));

        await().atMost(WAIT).until(() -> DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service",
                "select id from consultation_bookings where event_uri = ?",
                "https://api.calendly.com/scheduled_events/EVT1AAAA").size() == 2);
        assertEquals(2, DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service", "select id from users").size());
    }

    @Test
    void aPoisonRecordIsDeadLetteredWhileTheNextRecordOfItsKeyIsStillApplied() throws Exception {
        CalendlyDeliveryV1 created = calendly.fixture("invitee.created.json");
        String key = calendly.inviteeUri("INV1AAAA");
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.CALENDLY_WEBHOOKS));
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CALENDLY_WEBHOOKS, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();
            calendly.send(created);

            var dead = deadLetters.await(r -> key.equals(r.key()), WAIT);
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("unreadable record"));
            awaitBooking("INV1AAAA", "SCHEDULED");
        }
    }

    @Test
    void anEventBookingServiceDoesNotActOnIsDeadLetteredWithTheReasonNotDropped() {
        CalendlyDeliveryV1 routing = calendly.fixture("routing_form_submission.created.json");
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.CALENDLY_WEBHOOKS))) {
            calendly.send(routing);

            var dead = deadLetters.await(r -> routing.payload().get("uri").asText().equals(r.key()), WAIT);
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("does not act on"),
                    TopicProbe.header(dead, "dead-letter-reason"));
        }
    }

    @Test
    void theConsultationShowsItsHistoryToItsStudio() {
        calendly.send(calendly.fixture("invitee.created.json"));
        calendly.send(calendly.fixture("invitee.canceled.json"));
        Map<String, Object> booking = awaitBooking("INV1AAAA", "CANCELED");

        given().auth().oauth2(DevTokens.token(calendly.tenant, UUID.randomUUID(), "admin"))
                .when().get("/consultations/" + booking.get("id"))
                .then().statusCode(200)
                .body("status", equalTo("CANCELED"))
                .body("cancellation.reason", equalTo("Family emergency"))
                .body("location.joinUrl", equalTo("https://meet.google.com/abc-defg-hij"))
                .body("history", hasSize(2))
                .body("history[1].change", equalTo("CANCELED"))
                .body("history[1].fromStatus", equalTo("SCHEDULED"))
                .body("history[1].actor", equalTo("Maria Lopez"));
    }

    private Map<String, Object> awaitBooking(String fixtureInvitee, String status) {
        await().atMost(WAIT).until(() -> status.equals(booking(fixtureInvitee).get("status")));
        return booking(fixtureInvitee);
    }

    /** The booking of the fixture's invitee, or an empty map. */
    private Map<String, Object> booking(String fixtureInvitee) {
        List<Map<String, Object>> rows = DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service", """
                select id, user_id, status, no_show, canceled_by, cancel_reason, canceler_type, location::text as location,
                       tracking::text as tracking, rescheduled_from_booking_id, rescheduled_to_booking_id
                from consultation_bookings where invitee_uri = ?""", calendly.inviteeUri(fixtureInvitee));
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private List<Map<String, Object>> historyRows(Map<String, Object> booking) {
        return DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service",
                "select * from booking_history where booking_id = ? order by id", booking.get("id"));
    }

    private List<String> history(Map<String, Object> booking) {
        return historyRows(booking).stream()
                .map(row -> row.get("change") + ": " + row.get("from_status") + " -> " + row.get("to_status"))
                .toList();
    }

    private List<Map<String, Object>> processed(CalendlyDeliveryV1 delivery) {
        return DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service",
                "select outcome from processed_deliveries where delivery_id = ?", delivery.deliveryId());
    }

    private String awaitOutcome(CalendlyDeliveryV1 delivery) {
        await().atMost(WAIT).until(() -> !processed(delivery).isEmpty());
        return (String) processed(delivery).get(0).get("outcome");
    }

    /** The tenant's next booking event on the topic. */
    private BookingEventV1 nextEvent() {
        ConsumerRecord<String, byte[]> record = bookingEvents.await(
                r -> calendly.tenant.toString().equals(TopicProbe.header(r, EventHeaders.TENANT_ID)), WAIT);
        BookingEventV1 event = BookingEventV1.decode(record.value());
        assertEquals(event.bookingId().toString(), record.key());
        assertEquals(event.eventId().toString(), TopicProbe.header(record, EventHeaders.EVENT_ID));
        assertEquals(event.type(), TopicProbe.header(record, EventHeaders.EVENT_TYPE));
        return event;
    }

    /** Types of every event of the tenant on the topic, once the relay had time to send anything else. */
    private List<String> eventTypesAfterQuiet() {
        return bookingEvents.drain(Duration.ofSeconds(3)).stream()
                .filter(r -> calendly.tenant.toString().equals(TopicProbe.header(r, EventHeaders.TENANT_ID)))
                .map(r -> BookingEventV1.decode(r.value()).type())
                .toList();
    }
}
