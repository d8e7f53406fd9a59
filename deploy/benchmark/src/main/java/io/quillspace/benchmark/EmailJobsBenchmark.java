package io.quillspace.benchmark;

import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.launcher.Fleet;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * email-service turning booking events into email jobs: one instance (production JVM options) on a real broker,
 * database and SMTP server. A backlog of booking-created events, then cancellations of half the bookings, is put on
 * {@code booking-events.v1} at once; the figure is events applied per second, from the first event sent until every
 * booking's projection shows its last event (the dispatcher sends the due confirmations meanwhile, as in production).
 * Knobs (BENCH_OPTS): -Dbookings=10000 -Dtenants=20 -Dwarmup.bookings=3000.
 */
public final class EmailJobsBenchmark {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        int bookings = Integer.getInteger("bookings", 10_000);
        int tenants = Integer.getInteger("tenants", 20);
        int warmup = Integer.getInteger("warmup.bookings", 3_000);

        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
             Fleet email = Fleet.start(infrastructure, root, Set.of(FleetService.EMAIL), "quarkus-app",
                     service -> ServicePorts.free(), Duration.ofMinutes(2));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                     new StringSerializer(), new ByteArraySerializer())) {
            String admin = infrastructure.postgres().adminUrlFor(infrastructure.database("email").name());
            System.out.printf("warm-up: %d bookings%n", warmup);
            run(producer, admin, warmup, tenants);
            int events = bookings + bookings / 2;
            double seconds = run(producer, admin, bookings, tenants);
            System.out.printf("%nemail-service, one instance: %d booking.created + %d booking.canceled over %d tenants%n",
                    bookings, bookings / 2, tenants);
            System.out.printf("booking events applied: %,.0f /s (%d events in %.2f s)   (target >= 1,500 /s)%n",
                    events / seconds, events, seconds);
            System.out.printf("email-service RSS after the run: %,d KiB%n", email.residentKib().get(FleetService.EMAIL));
        }
    }

    /** Seconds from the first event sent until every booking's projection has its last event. */
    private static double run(KafkaProducer<String, byte[]> producer, String adminUrl, int bookings, int tenants)
            throws Exception {
        List<UUID> tenantIds = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            tenantIds.add(UUID.randomUUID());
        }
        List<BookingEventV1.Created> created = new ArrayList<>();
        for (int i = 0; i < bookings; i++) {
            created.add(created(tenantIds.get(i % tenants), i));
        }
        long started = System.nanoTime();
        created.forEach(event -> send(producer, event));
        for (int i = 0; i < bookings; i += 2) {
            send(producer, canceled(created.get(i)));
        }
        producer.flush();
        // The superuser connection sees every tenant's rows; the benchmark reads, never writes.
        try (Connection admin = DriverManager.getConnection(adminUrl);
             PreparedStatement progress = admin.prepareStatement("""
                     select count(*), count(*) filter (where last_sequence = 2) from booking_projection
                     where tenant_id = any(?)""")) {
            Array ids = admin.createArrayOf("uuid", tenantIds.toArray());
            progress.setArray(1, ids);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet row = progress.executeQuery()) {
                    row.next();
                    if (row.getLong(1) == bookings && row.getLong(2) == (bookings + 1) / 2) {
                        return (System.nanoTime() - started) / 1e9;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the backlog was not applied within 10 minutes");
    }

    private static void send(KafkaProducer<String, byte[]> producer, BookingEventV1 event) {
        producer.send(new ProducerRecord<>(Topics.BOOKING_EVENTS, event.bookingId().toString(),
                BookingEventV1.encode(event).getBytes(StandardCharsets.UTF_8)));
    }

    private static BookingEventV1.Created created(UUID tenant, int index) {
        Instant start = Instant.parse("2027-03-14T09:00:00Z");
        return new BookingEventV1.Created(UUID.randomUUID(), tenant, UUID.randomUUID(), 1, UUID.randomUUID(),
                "writer-" + index + "@example.org", "Writer " + index, "Manuscript consultation (45 min)", start,
                start.plus(Duration.ofMinutes(45)), "Europe/Madrid",
                new BookingEventV1.MeetingLocation("zoom", null, "https://zoom.us/j/" + index),
                "https://calendly.com/cancellations/BENCH" + index, "https://calendly.com/reschedulings/BENCH" + index,
                null, Instant.now());
    }

    private static BookingEventV1.Canceled canceled(BookingEventV1.Created booking) {
        return new BookingEventV1.Canceled(UUID.randomUUID(), booking.tenantId(), booking.bookingId(), 2,
                booking.userId(), booking.inviteeEmail(), booking.inviteeName(), booking.eventName(),
                booking.startTime(), booking.endTime(), booking.inviteeTimeZone(), booking.inviteeName(), "benchmark",
                "invitee", Instant.now());
    }
}
