package io.quillspace.benchmark;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.launcher.Fleet;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.Topics;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.quillspace.infra.testing.TopicProbe;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * booking-service applying Calendly deliveries: one instance (production JVM options) on a real broker and database.
 * A backlog of {@code invitee.created} then {@code invitee.canceled} deliveries (half the bookings are canceled) is put
 * on the raw topic at once; the figure is how fast the instance drains it, counted from the first delivery sent to the
 * last booking event on the topic. Relay lag per event: the event's record timestamp (when the relay handed it to the
 * producer) minus the time the service made the change (the booking's created_at or canceled change's recorded_at).
 * Knobs (BENCH_OPTS): -Dbookings=10000 -Dtenants=20 -Dwarmup.bookings=3000.
 */
public final class BookingLifecycleBenchmark {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        int bookings = Integer.getInteger("bookings", 10_000);
        int tenants = Integer.getInteger("tenants", 20);
        int warmup = Integer.getInteger("warmup.bookings", 3_000);

        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
             Fleet booking = Fleet.start(infrastructure, root, Set.of(FleetService.BOOKING), "quarkus-app",
                     service -> ServicePorts.free(), Duration.ofMinutes(2));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                     new StringSerializer(), new ByteArraySerializer())) {
            String bootstrap = infrastructure.kafka().bootstrapServers();
            String admin = infrastructure.postgres().adminUrlFor(infrastructure.database("booking").name());
            System.out.printf("warm-up: %d bookings%n", warmup);
            run(producer, bootstrap, admin, warmup, tenants);
            Result result = run(producer, bootstrap, admin, bookings, tenants);
            System.out.printf("%nbooking-service, one instance: %d invitee.created + %d invitee.canceled over %d tenants%n",
                    bookings, bookings / 2, tenants);
            System.out.printf("deliveries applied: %,.0f /s (%d deliveries in %.2f s, %d booking events)%n",
                    result.deliveries / result.seconds, result.deliveries, result.seconds, result.events);
            System.out.printf("outbox relay lag: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    result.lag.getValueAtPercentile(50) / 1000.0, result.lag.getValueAtPercentile(99) / 1000.0,
                    result.lag.getMaxValue() / 1000.0);
            System.out.printf("booking-service RSS after the run: %,d KiB%n", booking.residentKib().get(FleetService.BOOKING));
        }
    }

    private record Result(int deliveries, int events, double seconds, Histogram lag) {
    }

    private static Result run(KafkaProducer<String, byte[]> producer, String bootstrap, String adminUrl, int bookings,
                              int tenants) throws Exception {
        List<UUID> tenantIds = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            tenantIds.add(UUID.randomUUID());
        }
        int expectedEvents = bookings + bookings / 2;
        try (TopicProbe events = TopicProbe.atEnd(bootstrap, Topics.BOOKING_EVENTS)) {
            long started = System.nanoTime();
            for (int i = 0; i < bookings; i++) {
                send(producer, delivery("invitee.created", tenantIds.get(i % tenants), i));
            }
            for (int i = 0; i < bookings; i += 2) {
                send(producer, delivery("invitee.canceled", tenantIds.get(i % tenants), i));
            }
            producer.flush();
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (received.size() < expectedEvents && System.nanoTime() < deadline) {
                received.addAll(events.drain(Duration.ofMillis(500)).subList(received.size(), events.seen().size()));
            }
            if (received.size() < expectedEvents) {
                throw new IllegalStateException("only " + received.size() + " of " + expectedEvents + " events arrived");
            }
            long lastEvent = received.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
            long firstSentMillis = System.currentTimeMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis();
            double seconds = (lastEvent - firstSentMillis) / 1000.0;
            return new Result(expectedEvents, received.size(), seconds, relayLag(adminUrl, received));
        }
    }

    /** Record timestamp minus the time of the change in the database, per event. */
    private static Histogram relayLag(String adminUrl, List<ConsumerRecord<String, byte[]>> events) throws Exception {
        Map<String, Long> changedAt = new HashMap<>();
        // The superuser connection sees every tenant's rows; the benchmark reads, never writes.
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement sql = admin.createStatement();
             ResultSet rows = sql.executeQuery("select booking_id, change, recorded_at from booking_history")) {
            while (rows.next()) {
                changedAt.put(rows.getObject(1) + "/" + rows.getString(2),
                        rows.getTimestamp(3).toInstant().toEpochMilli());
            }
        }
        Histogram lag = new Histogram(3_600_000_000L, 3);
        for (ConsumerRecord<String, byte[]> record : events) {
            BookingEventV1 event = BookingEventV1.decode(record.value());
            String change = event instanceof BookingEventV1.Created ? "CREATED" : "CANCELED";
            Long at = changedAt.get(event.bookingId() + "/" + change);
            if (at != null) {
                lag.recordValue(Math.max(0, record.timestamp() - at) * 1000);
            }
        }
        return lag;
    }

    private static void send(KafkaProducer<String, byte[]> producer, CalendlyDeliveryV1 delivery) {
        producer.send(new ProducerRecord<>(Topics.CALENDLY_WEBHOOKS, delivery.payload().get("uri").asText(), delivery.encode()));
    }

    private static CalendlyDeliveryV1 delivery(String event, UUID tenant, int index) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        String uri = "https://api.calendly.com/scheduled_events/BENCH" + index + "/invitees/" + tenant + "-" + index;
        boolean canceled = event.equals("invitee.canceled");
        Instant updatedAt = Instant.parse(canceled ? "2026-03-12T08:15:41Z" : "2026-03-10T14:02:10Z");
        ObjectNode payload = json.objectNode()
                .put("uri", uri)
                .put("email", "writer-" + index + "@example.org")
                .put("name", "Writer " + index)
                .put("timezone", "Europe/Madrid")
                .put("updated_at", updatedAt.toString())
                .put("status", canceled ? "canceled" : "active")
                .put("rescheduled", false);
        payload.putObject("scheduled_event")
                .put("uri", "https://api.calendly.com/scheduled_events/BENCH" + index)
                .put("name", "Manuscript consultation (45 min)")
                .put("start_time", "2027-03-14T09:00:00Z")
                .put("end_time", "2027-03-14T09:45:00Z")
                .putObject("location").put("type", "zoom").put("join_url", "https://zoom.us/j/" + index);
        if (canceled) {
            payload.putObject("cancellation").put("canceled_by", "Writer " + index).put("reason", "benchmark")
                    .put("canceler_type", "invitee");
        }
        UUID deliveryId = UUID.nameUUIDFromBytes((event + "\n" + uri).getBytes(StandardCharsets.UTF_8));
        return new CalendlyDeliveryV1(deliveryId, tenant, event, updatedAt, Instant.now(), payload);
    }
}
