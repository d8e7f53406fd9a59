package io.quillspace.benchmark;

import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.launcher.Fleet;
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
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How soon a booking's confirmation leaves, in the packaged fleet on this machine: signed {@code invitee.created}
 * deliveries posted one at a time, each timed from webhook-ingress's 202 to the SMTP server's acceptance of its
 * confirmation (the server wakes the probe as it receives the message; nothing else is in flight). The job's own
 * timestamps split the time into webhook → job committed and job committed → handed to SMTP.
 * Knobs (BENCH_OPTS): -Dbookings=50 -Dwarmup.bookings=10.
 */
public final class ConfirmationLatencyProbe {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        int bookings = Integer.getInteger("bookings", 50);
        int warmup = Integer.getInteger("warmup.bookings", 10);

        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
             Fleet fleet = Fleet.start(infrastructure, root, EnumSet.allOf(FleetService.class), "quarkus-app",
                     service -> ServicePorts.free(), Duration.ofMinutes(3))) {
            URI webhook = fleet.url(FleetService.WEBHOOK_INGRESS, "/webhooks/calendly/studio");
            String emailDb = infrastructure.postgres().adminUrlFor(infrastructure.database("email").name());
            Probe probe = new Probe(webhook, infrastructure.smtp(), emailDb);
            probe.run(warmup);
            Histogram total = new Histogram(TimeUnit.MINUTES.toMillis(1), 3);
            Histogram toJob = new Histogram(TimeUnit.MINUTES.toMillis(1), 3);
            Histogram toSmtp = new Histogram(TimeUnit.MINUTES.toMillis(1), 3);
            for (Sample sample : probe.run(bookings)) {
                total.recordValue(sample.totalMillis());
                toJob.recordValue(Math.max(0, sample.toJobMillis()));
                toSmtp.recordValue(Math.max(0, sample.totalMillis() - sample.toJobMillis()));
            }
            System.out.printf("%nconfirmation latency, %d bookings one at a time, %d cores%n", bookings,
                    Runtime.getRuntime().availableProcessors());
            print("webhook accepted -> SMTP accepted", total);
            print("  webhook accepted -> email job committed", toJob);
            print("  email job committed -> SMTP accepted", toSmtp);
            System.out.println("target: p50 <= 150 ms, p99 <= 400 ms (webhook accepted -> SMTP accepted)");
        }
    }

    private static void print(String what, Histogram histogram) {
        System.out.printf("%-45s p50 %4d ms  p99 %4d ms  max %4d ms%n", what, histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }

    /** One booking: webhook 202 → SMTP acceptance, and webhook 202 → its job's creation. */
    private record Sample(long totalMillis, long toJobMillis) {
    }

    private static final class Probe {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String template = new String(CalendlyFixtures.body("invitee.created.json"), StandardCharsets.UTF_8);
        private final String run = UUID.randomUUID().toString().substring(0, 8);
        private final URI webhook;
        private final SmtpServer smtp;
        private final String emailDb;
        private int posted;

        Probe(URI webhook, SmtpServer smtp, String emailDb) {
            this.webhook = webhook;
            this.smtp = smtp;
            this.emailDb = emailDb;
        }

        java.util.List<Sample> run(int bookings) throws Exception {
            java.util.List<Sample> samples = new java.util.ArrayList<>();
            try (Connection db = DriverManager.getConnection(emailDb);
                 PreparedStatement job = db.prepareStatement(
                         "select created_at from email_jobs where kind = 'CONFIRMATION' and recipient = ?")) {
                for (int i = 0; i < bookings; i++) {
                    int received = smtp.receivedMessages().size();
                    String email = "probe-" + run + "-" + posted++ + "@example.org";
                    long accepted = post(email);
                    if (!smtp.awaitReceived(received + 1, Duration.ofSeconds(30))) {
                        throw new IllegalStateException("no confirmation for " + email + " within 30 s");
                    }
                    long delivered = System.currentTimeMillis();
                    job.setString(1, email);
                    try (ResultSet row = job.executeQuery()) {
                        row.next();
                        samples.add(new Sample(delivered - accepted, row.getTimestamp(1).getTime() - accepted));
                    }
                }
            }
            return samples;
        }

        /** Posts one signed booking for {@code email}; returns when webhook-ingress accepted it (wall clock). */
        private long post(String email) throws Exception {
            byte[] body = template.replace("maria.lopez@example.org", email)
                    .replace("invitees/INV1AAAA", "invitees/" + UUID.randomUUID())
                    .replace("2026-03-14T09:", "2031-03-14T09:")
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(webhook)
                    .header("Content-Type", "application/json")
                    .header("Calendly-Webhook-Signature",
                            CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY, Instant.now(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("webhook answered " + response.statusCode());
            }
            return System.currentTimeMillis();
        }
    }
}
