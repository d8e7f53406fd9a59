package io.quillspace.booking;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.booking.calendly.BookingService;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

@QuarkusTest
class CalendlyDeliveryConsumerTest {

    @Inject
    ObjectMapper objectMapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.datasource.username")
    String runtimeUser;

    KafkaProducer<String, byte[]> producer;
    TopicProbe bookingEvents;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        bookingEvents = TopicProbe.atEnd(bootstrapServers, Topics.BOOKING_EVENTS);
    }

    @AfterEach
    void disconnect() {
        producer.close();
        bookingEvents.close();
    }

    @Test
    void inviteeCreatedBecomesABookingAndABookingCreatedEvent() throws Exception {
        UUID tenant = UUID.randomUUID();
        String email = "writer-" + UUID.randomUUID() + "@example.org";
        CalendlyDeliveryV1 delivery = inviteeCreated(tenant, email);

        send(delivery);

        var record = bookingEvents.await(r -> tenant.toString().equals(TopicProbe.header(r, EventHeaders.TENANT_ID)),
                Duration.ofSeconds(20));
        var created = (BookingEventV1.Created) objectMapper.readValue(record.value(), BookingEventV1.class);
        assertEquals(created.bookingId().toString(), record.key());
        assertEquals(created.eventId().toString(), TopicProbe.header(record, EventHeaders.EVENT_ID));
        assertEquals(email, created.inviteeEmail());
        assertEquals("Europe/Madrid", created.inviteeTimeZone());
        assertEquals(Instant.parse("2026-03-14T09:00:00Z"), created.startTime());
        assertEquals(Instant.parse("2026-03-14T09:45:00Z"), created.endTime());

        List<Map<String, Object>> rows = DatabaseProbe.asRuntimeRole().queryAs(tenant, null, "service", """
                select b.id, b.user_id, b.invitee_uri, b.event_uri, b.invitee_timezone, b.intake::text as answers,
                       u.email
                from consultation_bookings b join users u on u.id = b.user_id""");
        assertEquals(1, rows.size());
        Map<String, Object> booking = rows.get(0);
        assertEquals(created.bookingId(), booking.get("id"));
        assertEquals(created.userId(), booking.get("user_id"));
        assertEquals(email, booking.get("email"));
        assertEquals(delivery.payload().get("uri").asText(), booking.get("invitee_uri"));
        assertEquals("https://api.calendly.com/scheduled_events/EVT1AAAA", booking.get("event_uri"));
        assertTrue(((String) booking.get("answers")).contains("The Salt Road"), "intake answers are stored");
    }

    @Test
    void theAppliedDeliveryIsLoggedAtDebugWithItsTenantDeliveryAndBookingAsFields() throws Exception {
        List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                ExtLogRecord line = (ExtLogRecord) record;
                line.copyMdc();
                lines.add(line);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(BookingService.class.getName());
        java.util.logging.Level level = logger.getLevel();
        // The line is DEBUG, off by default: the hot path logs nothing per delivery at INFO.
        logger.setLevel(java.util.logging.Level.FINE);
        logger.addHandler(capture);
        try {
            UUID tenant = UUID.randomUUID();
            CalendlyDeliveryV1 delivery = inviteeCreated(tenant, "logged-" + UUID.randomUUID() + "@example.org");
            send(delivery);

            var record = bookingEvents.await(r -> tenant.toString().equals(TopicProbe.header(r, EventHeaders.TENANT_ID)),
                    Duration.ofSeconds(20));
            UUID booking = ((BookingEventV1.Created) objectMapper.readValue(record.value(), BookingEventV1.class)).bookingId();
            ExtLogRecord applied = await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream()
                    .filter(line -> delivery.deliveryId().toString().equals(line.getMdc("deliveryId")))
                    .findFirst(), java.util.Optional::isPresent).orElseThrow();
            assertEquals(tenant.toString(), applied.getMdc("tenantId"));
            assertEquals(booking.toString(), applied.getMdc("bookingId"));
            assertEquals(org.jboss.logmanager.Level.DEBUG, applied.getLevel());
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
    }

    @Test
    void redeliveredInviteeCreatedMakesNoSecondBookingNorEvent() throws Exception {
        UUID tenant = UUID.randomUUID();
        CalendlyDeliveryV1 delivery = inviteeCreated(tenant, "twice-" + UUID.randomUUID() + "@example.org");

        send(delivery);
        send(delivery);

        bookingEvents.await(r -> tenant.toString().equals(TopicProbe.header(r, EventHeaders.TENANT_ID)), Duration.ofSeconds(20));
        long events = bookingEvents.drain(Duration.ofSeconds(3)).stream()
                .filter(r -> tenant.toString().equals(TopicProbe.header(r, EventHeaders.TENANT_ID)))
                .count();
        assertEquals(1, events);
        assertEquals(1, DatabaseProbe.asRuntimeRole().queryAs(tenant, null, "service", "select id from consultation_bookings").size());
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicWithItsReason() {
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.CALENDLY_WEBHOOKS))) {
            String key = "poison-" + UUID.randomUUID();
            producer.send(new ProducerRecord<>(Topics.CALENDLY_WEBHOOKS, key, "{not json".getBytes(StandardCharsets.UTF_8)));
            producer.flush();

            var dead = deadLetters.await(r -> key.equals(r.key()), Duration.ofSeconds(20));
            assertNotNull(TopicProbe.header(dead, "dead-letter-reason"));
        }
    }

    @Test
    void deliveryMissingTheMeetingTimesGoesToTheDeadLetterTopic() throws Exception {
        UUID tenant = UUID.randomUUID();
        CalendlyDeliveryV1 delivery = inviteeCreated(tenant, "broken-" + UUID.randomUUID() + "@example.org");
        ((ObjectNode) delivery.payload().get("scheduled_event")).remove("start_time");
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.CALENDLY_WEBHOOKS))) {
            send(delivery);

            var dead = deadLetters.await(r -> delivery.payload().get("uri").asText().equals(r.key()), Duration.ofSeconds(20));
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("start_time"));
        }
        assertEquals(0, DatabaseProbe.asRuntimeRole().queryAs(tenant, null, "service", "select id from consultation_bookings").size());
    }

    @Test
    void aTransientDatabaseFailureIsRetriedNotDeadLettered() throws Exception {
        UUID tenant = UUID.randomUUID();
        CalendlyDeliveryV1 delivery = inviteeCreated(tenant, "retried-" + UUID.randomUUID() + "@example.org");
        DatabaseProbe owner = DatabaseProbe.asMigrationOwner();
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.CALENDLY_WEBHOOKS))) {
            owner.execute("revoke insert on consultation_bookings from " + runtimeUser);
            try {
                send(delivery);
                // Several attempts fail with "permission denied" meanwhile.
                await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
            } finally {
                owner.execute("grant insert on consultation_bookings to " + runtimeUser);
            }

            bookingEvents.await(r -> tenant.toString().equals(TopicProbe.header(r, EventHeaders.TENANT_ID)),
                    Duration.ofSeconds(60));
            assertTrue(deadLetters.drain(Duration.ofSeconds(1)).stream()
                    .noneMatch(r -> delivery.payload().get("uri").asText().equals(r.key())), "nothing dead-lettered");
        }
        assertEquals(1, DatabaseProbe.asRuntimeRole().queryAs(tenant, null, "service", "select id from consultation_bookings").size());
    }

    private CalendlyDeliveryV1 inviteeCreated(UUID tenant, String email) throws Exception {
        JsonNode fixture = objectMapper.readTree(CalendlyFixtures.body("invitee.created.json"));
        ObjectNode payload = (ObjectNode) fixture.get("payload");
        payload.put("uri", "https://api.calendly.com/scheduled_events/EVT1AAAA/invitees/" + UUID.randomUUID());
        payload.put("email", email);
        return new CalendlyDeliveryV1(UUID.randomUUID(), tenant, "invitee.created",
                Instant.parse(payload.get("updated_at").asText()), Instant.now(), payload);
    }

    private void send(CalendlyDeliveryV1 delivery) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CALENDLY_WEBHOOKS, delivery.payload().get("uri").asText(),
                objectMapper.writeValueAsBytes(delivery))).get();
    }
}
