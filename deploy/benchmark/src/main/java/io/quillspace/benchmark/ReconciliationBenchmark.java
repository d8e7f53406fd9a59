package io.quillspace.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.launcher.Fleet;
import io.quillspace.infra.testing.CalendlyApiStandIn;
import io.quillspace.shared.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One studio's reconciliation sweep, end to end: webhook-ingress (the sweep), booking-service and email-service, one
 * instance each with production JVM options, on a real broker, PostgreSQL and SMTP server; Calendly's API is the
 * WireMock stand-in (100 items per page, as Calendly's maximum). The studio has {@code meetings} meetings of
 * {@code invitees} invitees each, all in the coming weeks, and every webhook was lost. The first sweep repairs it:
 * one booking and one confirmation per invitee. The second sweep reads the same, unchanged data: it must change
 * nothing and send nothing. Printed per sweep: wall time of the sweep request and Calendly API calls; after each, the
 * counts that show what it did: booking-service's consumer outcomes, bookings, booking events, email jobs and mails
 * at the SMTP server. Knobs (BENCH_OPTS): -Dmeetings=1000 -Dinvitees=2.
 */
public final class ReconciliationBenchmark {

    private static final String TOKEN = "calendly-token-benchmark";
    private static final String ORGANIZATION = "https://api.calendly.com/organizations/ORGBENCH";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        int meetings = Integer.getInteger("meetings", 1_000);
        int inviteesPerMeeting = Integer.getInteger("invitees", 2);
        int expected = meetings * inviteesPerMeeting;

        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
             CalendlyApiStandIn calendly = CalendlyApiStandIn.start()) {
            serveStudio(calendly, meetings, inviteesPerMeeting);
            try (Fleet fleet = Fleet.start(infrastructure, root,
                    Set.of(FleetService.WEBHOOK_INGRESS, FleetService.BOOKING, FleetService.EMAIL), "quarkus-app",
                    service -> ServicePorts.free(), Duration.ofMinutes(3), root.resolve(".quillspace/benchmark-logs"),
                    Map.of(FleetService.WEBHOOK_INGRESS, calendly.ingressSettings("studio", TOKEN, ORGANIZATION)))) {
                Counts before = Counts.read(infrastructure, fleet);

                Sweep first = sweep(fleet, calendly);
                await("every booking confirmed", Duration.ofMinutes(10),
                        () -> Counts.consumed(fleet) - before.consumed() >= expected
                                && Counts.mailsSent(infrastructure) - before.mailsSent >= expected);
                Counts afterFirst = Counts.read(infrastructure, fleet);

                calendly.forgetRequests();
                Sweep second = sweep(fleet, calendly);
                await("every reconciled delivery consumed", Duration.ofMinutes(5),
                        () -> Counts.consumed(fleet) - afterFirst.consumed() >= expected);
                // Whatever the second sweep caused would be mailed by now: email-service dispatches every second.
                Thread.sleep(10_000);
                Counts afterSecond = Counts.read(infrastructure, fleet);

                System.out.printf("%nreconciliation of one studio: %,d meetings x %d invitees (%,d invitees), pages of 100%n",
                        meetings, inviteesPerMeeting, expected);
                System.out.printf("first sweep (every webhook lost):  %6.2f s, %,d Calendly API calls, %s%n",
                        first.seconds, first.apiCalls, first.answer);
                System.out.printf("second sweep (unchanged data):     %6.2f s, %,d Calendly API calls, %s%n",
                        second.seconds, second.apiCalls, second.answer);
                System.out.printf("%n%-34s %14s %14s%n", "", "first sweep", "second sweep");
                Counts.print("deliveries consumed: applied", before, afterFirst, afterSecond, c -> c.applied);
                Counts.print("deliveries consumed: duplicate", before, afterFirst, afterSecond, c -> c.duplicate);
                Counts.print("deliveries consumed: stale", before, afterFirst, afterSecond, c -> c.stale);
                Counts.print("bookings", before, afterFirst, afterSecond, c -> c.bookings);
                Counts.print("booking events (booking-events.v1)", before, afterFirst, afterSecond, c -> c.bookingEvents);
                Counts.print("email jobs", before, afterFirst, afterSecond, c -> c.emailJobs);
                Counts.print("emails sent (email jobs SENT)", before, afterFirst, afterSecond, c -> c.mailsSent);
                Counts.print("emails at the SMTP server", before, afterFirst, afterSecond, c -> c.smtpMessages);
            }
        }
    }

    private static void serveStudio(CalendlyApiStandIn calendly, int meetings, int inviteesPerMeeting) {
        Instant first = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant booked = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ObjectNode> events = new ArrayList<>();
        List<ObjectNode> invitees = new ArrayList<>();
        for (int m = 0; m < meetings; m++) {
            ObjectNode event = CalendlyApiStandIn.scheduledEvent(CalendlyApiStandIn.newUuid(), "Group manuscript clinic",
                    first.plus(30L * m, ChronoUnit.MINUTES), 60, false);
            ((ObjectNode) event.get("invitees_counter")).put("total", inviteesPerMeeting).put("active", inviteesPerMeeting)
                    .put("limit", inviteesPerMeeting);
            events.add(event);
            for (int i = 0; i < inviteesPerMeeting; i++) {
                invitees.add(CalendlyApiStandIn.invitee(event, CalendlyApiStandIn.newUuid(),
                        "rec-" + run + "-" + m + "-" + i + "@example.org", "Writer " + m + " " + i, "Europe/Madrid",
                        booked));
            }
        }
        calendly.serveMeetings(TOKEN, ORGANIZATION, events, invitees, 100);
    }

    private record Sweep(double seconds, int apiCalls, String answer) {
    }

    private static Sweep sweep(Fleet fleet, CalendlyApiStandIn calendly) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(fleet.url(FleetService.WEBHOOK_INGRESS,
                        "/calendly/studio/reconciliations"))
                .header("Authorization", "Bearer " + DevTokens.token(Fleet.DEMO_TENANT, UUID.randomUUID(), "admin"))
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        long started = System.nanoTime();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("sweep answered " + answer.statusCode() + ": " + answer.body());
        }
        return new Sweep(seconds, calendly.requestCount(), answer.body());
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not " + what + " within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    /** What the fleet has done so far, read from its metrics, databases (as admin), topic and SMTP server. */
    private record Counts(long applied, long duplicate, long stale, long bookings, long bookingEvents, long emailJobs,
                          long mailsSent, long smtpMessages) {

        long consumed() {
            return applied + duplicate + stale;
        }

        static Counts read(Infrastructure infrastructure, Fleet fleet) {
            try {
                String metrics = metrics(fleet);
                String booking = infrastructure.postgres().adminUrlFor(infrastructure.database("booking").name());
                return new Counts(consumed(metrics, "applied"), consumed(metrics, "duplicate"), consumed(metrics, "stale"),
                        count(booking, "select count(*) from consultation_bookings"),
                        endOffsets(infrastructure.kafka().bootstrapServers(), Topics.BOOKING_EVENTS),
                        count(emailDatabase(infrastructure), "select count(*) from email_jobs"),
                        mailsSent(infrastructure), infrastructure.smtp().receivedMessages().size());
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the fleet's counts", e);
            }
        }

        /** Deliveries booking-service has consumed, whatever their outcome (cheap enough to poll). */
        static long consumed(Fleet fleet) {
            try {
                String metrics = metrics(fleet);
                return consumed(metrics, "applied") + consumed(metrics, "duplicate") + consumed(metrics, "stale");
            } catch (Exception e) {
                throw new IllegalStateException("cannot read booking-service's metrics", e);
            }
        }

        static long mailsSent(Infrastructure infrastructure) {
            try {
                return count(emailDatabase(infrastructure), "select count(*) from email_jobs where status = 'SENT'");
            } catch (Exception e) {
                throw new IllegalStateException("cannot read email-service's jobs", e);
            }
        }

        private static String metrics(Fleet fleet) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(fleet.managementUrl(FleetService.BOOKING, "/q/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        private static String emailDatabase(Infrastructure infrastructure) {
            return infrastructure.postgres().adminUrlFor(infrastructure.database("email").name());
        }

        static void print(String what, Counts before, Counts first, Counts second,
                          java.util.function.ToLongFunction<Counts> value) {
            System.out.printf("%-34s %+14d %+14d%n", what, value.applyAsLong(first) - value.applyAsLong(before),
                    value.applyAsLong(second) - value.applyAsLong(first));
        }

        private static long consumed(String metrics, String outcome) {
            String series = "quillspace_consumer_records_total{channel=\"calendly-webhooks.v1\",outcome=\"" + outcome + "\"} ";
            return (long) metrics.lines().filter(line -> line.startsWith(series))
                    // The value, then possibly an exemplar: "1.0 # {span_id=…} 1.0 …".
                    .mapToDouble(line -> Double.parseDouble(line.substring(series.length()).trim().split(" ")[0])).sum();
        }

        private static long count(String adminUrl, String sql) throws Exception {
            try (Connection connection = DriverManager.getConnection(adminUrl);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        }

        private static long endOffsets(String bootstrap, String topic) {
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            }
        }
    }

    private ReconciliationBenchmark() {
    }
}
