package io.quillspace.benchmark;

import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.launcher.Fleet;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * email-service, measured in the whole fleet on this machine (production JVM options, real broker, database and SMTP):
 * <ol>
 * <li>a signed {@code invitee.created} accepted by webhook-ingress → its confirmation accepted by the SMTP server,
 * p50/p99, at a constant rate (latency from the scheduled send time, so a stalled fleet cannot hide its delay);</li>
 * <li>mails per second into the SMTP server from a backlog of due jobs, with one email-service instance and then two
 * on the same database, the deliveries per job (duplicates) and the age of the oldest due job meanwhile.</li>
 * </ol>
 * Then the start-up of each service (launched together) and its resident memory after the constant-rate run.
 * Knobs (BENCH_OPTS): -Drate=100 -Dwarmup.seconds=15 -Dseconds=60 -Dbacklog=3000.
 */
public final class EmailBenchmark {

    private static final String JOB_HEADER = "X-QuillSpace-Email-Job";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        int rate = Integer.getInteger("rate", 100);
        int warmup = Integer.getInteger("warmup.seconds", 15);
        int seconds = Integer.getInteger("seconds", 60);
        int backlog = Integer.getInteger("backlog", 3000);

        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
             Fleet fleet = Fleet.start(infrastructure, root, EnumSet.allOf(FleetService.class), "quarkus-app",
                     service -> ServicePorts.free(), Duration.ofMinutes(3))) {
            SmtpServer smtp = infrastructure.smtp();
            URI webhook = fleet.url(FleetService.WEBHOOK_INGRESS, "/webhooks/calendly/studio");
            String adminUrl = infrastructure.postgres().adminUrlFor(infrastructure.database("email").name());
            System.out.printf("warm-up: %d s at %d bookings/s%n", warmup, rate);
            endToEnd(webhook, adminUrl, rate, warmup);
            Histogram latency = endToEnd(webhook, adminUrl, rate, seconds);
            System.out.printf("%nwebhook accepted -> confirmation received by SMTP, %d bookings/s for %d s (%d bookings)%n",
                    rate, seconds, latency.getTotalCount());
            System.out.printf("p50 %.0f ms, p99 %.0f ms, max %.0f ms   (targets: p50 <= 250 ms, p99 <= 1000 ms)%n",
                    (double) latency.getValueAtPercentile(50), (double) latency.getValueAtPercentile(99),
                    (double) latency.getMaxValue());
            footprint(fleet);

            Drain one = drain(adminUrl, smtp, backlog);
            Drain two;
            try (Fleet.Replica replica = fleet.startReplica(FleetService.EMAIL, ServicePorts.free(), Duration.ofMinutes(2))) {
                two = drain(adminUrl, smtp, backlog);
            }
            System.out.printf("%nbacklog of %d due jobs over 10 studios into the SMTP server%n", backlog);
            System.out.printf("one email-service:  %6.0f mails/s, oldest due job %5.1f s at most, %d duplicates%n",
                    one.perSecond, one.oldestDueSeconds, one.duplicates);
            System.out.printf("two email-services: %6.0f mails/s, oldest due job %5.1f s at most, %d duplicates%n",
                    two.perSecond, two.oldestDueSeconds, two.duplicates);
            System.out.printf("two / one: %.2f   (target >= 1.6, zero duplicates)%n", two.perSecond / one.perSecond);
        }
    }

    /**
     * Posts signed deliveries at a constant rate and returns the latency of each booking's confirmation: from the
     * delivery's scheduled send time to the moment the SMTP server accepted the confirmation (the job's {@code sent_at},
     * stamped by email-service on the server's acceptance; same machine clock), read once at the end so that measuring
     * takes no CPU from the fleet while it works.
     */
    private static Histogram endToEnd(URI webhook, String emailDbAdminUrl, int rate, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String template = new String(CalendlyFixtures.body("invitee.created.json"), StandardCharsets.UTF_8);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> scheduledMillis = new ConcurrentHashMap<>();
        int total = rate * seconds;
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long startMillis = System.currentTimeMillis() + 100;
        double intervalMillis = 1000.0 / rate;
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        sender.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            // Every booking whose scheduled time has come goes now, timed from when it was due.
            while (sent.get() < total && startMillis + sent.get() * intervalMillis <= now) {
                int index = sent.getAndIncrement();
                String email = "e2e-" + run + "-" + index + "@example.org";
                String body = template.replace("maria.lopez@example.org", email)
                        .replace("invitees/INV1AAAA", "invitees/" + UUID.randomUUID())
                        .replace("2026-03-14T09:", "2031-03-14T09:");
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                scheduledMillis.put(email, startMillis + Math.round(index * intervalMillis));
                HttpRequest request = HttpRequest.newBuilder(webhook)
                        .header("Content-Type", "application/json")
                        .header("Calendly-Webhook-Signature",
                                CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY, Instant.now(), bytes))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
                    if (response.statusCode() != 202) {
                        refused.incrementAndGet();
                    }
                });
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        long deadline = startMillis + TimeUnit.SECONDS.toMillis(seconds + 120L);
        try (Connection admin = DriverManager.getConnection(emailDbAdminUrl);
             PreparedStatement confirmations = admin.prepareStatement("""
                     select recipient, sent_at from email_jobs
                     where kind = 'CONFIRMATION' and status = 'SENT' and recipient like ?""")) {
            confirmations.setString(1, "e2e-" + run + "-%");
            int confirmed = 0;
            while (confirmed + refused.get() < total && System.currentTimeMillis() < deadline) {
                Thread.sleep(1000);
                try (ResultSet rows = confirmations.executeQuery()) {
                    confirmed = 0;
                    latency.reset();
                    while (rows.next()) {
                        confirmed++;
                        long due = scheduledMillis.get(rows.getString(1));
                        latency.recordValue(Math.max(0, rows.getTimestamp(2).getTime() - due));
                    }
                }
            }
        }
        sender.shutdownNow();
        if (refused.get() > 0 || latency.getTotalCount() < total) {
            System.out.printf("warning: %d deliveries refused, %d confirmations missing%n", refused.get(),
                    total - latency.getTotalCount() - refused.get());
        }
        return latency;
    }

    /** Start-up of the four services launched together, and each one's resident memory after the constant-rate run. */
    private static void footprint(Fleet fleet) {
        Map<FleetService, Duration> startUps = fleet.startUps();
        Map<FleetService, Long> rss = fleet.residentKib();
        System.out.printf("%nfootprint (targets: each ready <= 5 s, fleet <= 15 s, RSS <= 256 MB after the run)%n");
        for (FleetService service : FleetService.values()) {
            System.out.printf("%-16s ready after %5.1f s   RSS %4d MB%n", service.module(),
                    startUps.get(service).toMillis() / 1000.0, rss.getOrDefault(service, 0L) / 1024);
        }
        System.out.printf("fleet ready after %.1f s%n",
                startUps.values().stream().mapToLong(Duration::toMillis).max().orElse(0) / 1000.0);
    }

    private record Drain(double perSecond, double oldestDueSeconds, long duplicates) {
    }

    /** Inserts {@code jobs} due jobs at once and waits until every one is sent. */
    private static Drain drain(String adminUrl, SmtpServer smtp, int jobs) throws Exception {
        String context = """
                {"inviteeName": "Writer", "eventName": "Consultation", "startTime": "2031-06-06T12:00:00Z",
                 "endTime": "2031-06-06T12:45:00Z", "inviteeTimeZone": "Europe/Madrid",
                 "calendarUid": "bench@quillspace.email", "calendarSequence": 0}""";
        String batch = UUID.randomUUID().toString();
        // The superuser writes past Row-Level Security; the services read as their runtime role.
        try (Connection admin = DriverManager.getConnection(adminUrl)) {
            admin.setAutoCommit(false);
            try (PreparedStatement tenants = admin.prepareStatement("insert into tenants (id) values (?)");
                 PreparedStatement insert = admin.prepareStatement("""
                         insert into email_jobs (id, tenant_id, booking_id, user_id, kind, status, recipient, context,
                                                 scheduled_for, message_id)
                         select id, ?, gen_random_uuid(), gen_random_uuid(), 'CONFIRMATION', 'PENDING',
                                'drain-' || ? || '@example.org', cast(? as jsonb), now(), '<' || id || '@quillspace.email>'
                         from (select gen_random_uuid() as id from generate_series(1, ?)) jobs""")) {
                for (int i = 0; i < 10; i++) {
                    UUID tenant = UUID.randomUUID();
                    tenants.setObject(1, tenant);
                    tenants.executeUpdate();
                    insert.setObject(1, tenant);
                    insert.setString(2, batch);
                    insert.setString(3, context);
                    insert.setInt(4, jobs / 10);
                    insert.executeUpdate();
                }
            }
            long started = System.nanoTime();
            admin.commit();
            admin.setAutoCommit(true);
            double oldest = 0;
            while (true) {
                try (Statement sql = admin.createStatement(); ResultSet rows = sql.executeQuery("""
                        select count(*) filter (where status = 'PENDING'),
                               extract(epoch from now() - min(scheduled_for) filter (where status = 'PENDING'))
                        from email_jobs where recipient = 'drain-%s@example.org'""".formatted(batch))) {
                    rows.next();
                    oldest = Math.max(oldest, rows.getDouble(2));
                    if (rows.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(50);
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            return new Drain(jobs / elapsed, oldest, duplicates(smtp, "drain-" + batch + "@example.org"));
        }
    }

    private static long duplicates(SmtpServer smtp, String recipient) {
        Map<String, Integer> deliveries = new HashMap<>();
        for (MimeMessage message : smtp.receivedMessages()) {
            if (recipient.equals(recipient(message))) {
                deliveries.merge(header(message), 1, Integer::sum);
            }
        }
        return deliveries.values().stream().filter(count -> count > 1).mapToLong(count -> count - 1).sum();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage message) {
        try {
            return message.getHeader(JOB_HEADER, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
