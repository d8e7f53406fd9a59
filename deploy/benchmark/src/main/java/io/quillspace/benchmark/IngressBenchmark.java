package io.quillspace.benchmark;

import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.launcher.Fleet;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.net.URI;
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

    private static MultiMap jsonHeaders() {
        return MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    }

    /** Signs as Calendly does; the signature changes once a second, so the generator computes it once a second. */
    private static final class SignedHeaders implements Supplier<MultiMap> {
        private final byte[] body;
        private long signedSecond = -1;
        private String signature;

        SignedHeaders(byte[] body) {
            this.body = body;
        }

        @Override
        public MultiMap get() {
            Instant now = Instant.now();
            if (now.getEpochSecond() != signedSecond) {
                signedSecond = now.getEpochSecond();
                signature = CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY, now, body);
            }
            return jsonHeaders().add("Calendly-Webhook-Signature", signature);
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        Duration saturation = Duration.ofSeconds(Long.getLong("saturation.seconds", 20));
        Duration constant = Duration.ofSeconds(Long.getLong("constant.seconds", 30));
        Duration warmUp = Duration.ofSeconds(Long.getLong("warmup.seconds", 90));
        int inFlight = Integer.getInteger("in.flight", 256);
        int connections = Integer.getInteger("connections", 256);
        byte[] body = CalendlyFixtures.body("invitee.created.json");

        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
             LoadGenerator load = new LoadGenerator(connections);
             Fleet fleet = Fleet.start(infrastructure, root, Set.of(FleetService.WEBHOOK_INGRESS), "benchmark-app",
                     service -> freePort(), Duration.ofMinutes(2))) {
            URI webhook = fleet.url(FleetService.WEBHOOK_INGRESS, "/webhooks/calendly");
            URI baseline = fleet.url(FleetService.WEBHOOK_INGRESS, "/benchmark/baseline");
            var signed = new LoadGenerator.Target(webhook, new SignedHeaders(body), Buffer.buffer(body));
            var bare = new LoadGenerator.Target(baseline, () -> jsonHeaders(), Buffer.buffer(body));

            System.out.println("warm-up ...");
            // Until the JIT has compiled both paths: on two shared cores that takes tens of seconds.
            load.saturate(signed, inFlight, warmUp);
            load.saturate(bare, inFlight, warmUp);

            var fullMax = load.saturate(signed, inFlight, saturation);
            var bareMax = load.saturate(bare, inFlight, saturation);
            double rate = bareMax.throughputPerSecond() / 2;
            var fullAtRate = load.constantRate(signed, rate, constant);
            var bareAtRate = load.constantRate(bare, rate, constant);

            System.out.printf("%nwebhook-ingress benchmark (%d in flight on %d connections for %d s; constant rate for %d s)%n",
                    inFlight, connections, saturation.toSeconds(), constant.toSeconds());
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
