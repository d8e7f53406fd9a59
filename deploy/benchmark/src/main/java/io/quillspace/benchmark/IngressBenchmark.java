package io.quillspace.benchmark;

import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.launcher.Fleet;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

/**
 * webhook-ingress under load, in one run on one machine: (a) signed Calendly deliveries through the full path
 * (verify, publish with acks=all to the real broker, 202) against (b) a bare POST answering 202 with the same body in
 * the same process. Throughput at saturation, then p50/p99 at a constant rate of half of (b)'s throughput.
 */
public final class IngressBenchmark {

    static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        Duration saturation = Duration.ofSeconds(Long.getLong("saturation.seconds", 20));
        Duration constant = Duration.ofSeconds(Long.getLong("constant.seconds", 30));
        int inFlight = Integer.getInteger("in.flight", 64);
        byte[] body = CalendlyFixtures.body("invitee.created.json");

        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
             Fleet fleet = Fleet.start(infrastructure, root, Set.of(FleetService.WEBHOOK_INGRESS), "benchmark-app",
                     service -> freePort(), Duration.ofMinutes(2))) {
            URI webhook = fleet.url(FleetService.WEBHOOK_INGRESS, "/webhooks/calendly");
            URI baseline = fleet.url(FleetService.WEBHOOK_INGRESS, "/benchmark/baseline");
            Supplier<HttpRequest> signed = () -> LoadGenerator.post(webhook, body,
                    CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY, Instant.now(), body));
            Supplier<HttpRequest> bare = () -> LoadGenerator.post(baseline, body, null);
            LoadGenerator load = new LoadGenerator();

            System.out.println("warm-up ...");
            load.saturate(signed, inFlight, Duration.ofSeconds(10));
            load.saturate(bare, inFlight, Duration.ofSeconds(10));

            var fullMax = load.saturate(signed, inFlight, saturation);
            var bareMax = load.saturate(bare, inFlight, saturation);
            double rate = bareMax.throughputPerSecond() / 2;
            var fullAtRate = load.constantRate(signed, rate, constant);
            var bareAtRate = load.constantRate(bare, rate, constant);

            System.out.printf("%nwebhook-ingress benchmark (%d in flight for %d s; constant rate for %d s)%n",
                    inFlight, saturation.toSeconds(), constant.toSeconds());
            System.out.printf("(a) full path, saturated:   %8.0f req/s  (%d failures)%n", fullMax.throughputPerSecond(), fullMax.failures());
            System.out.printf("(b) bare 202, saturated:    %8.0f req/s  (%d failures)%n", bareMax.throughputPerSecond(), bareMax.failures());
            System.out.printf("throughput ratio a/b:       %8.2f   (target >= 0.50)%n",
                    fullMax.throughputPerSecond() / bareMax.throughputPerSecond());
            System.out.printf("at %.0f req/s: (a) p50 %.2f ms p99 %.2f ms (%d failures); (b) p50 %.2f ms p99 %.2f ms%n",
                    rate, fullAtRate.p50Millis(), fullAtRate.p99Millis(), fullAtRate.failures(),
                    bareAtRate.p50Millis(), bareAtRate.p99Millis());
            System.out.printf("p99 ratio a/b:              %8.2f   (target <= 3.00)%n",
                    fullAtRate.p99Millis() / bareAtRate.p99Millis());
        }
        System.exit(0);
    }
}
