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
 * the same process. Throughput at saturation, then p50/p99 at a constant rate of half of (b)'s throughput and of half
 * of (a)'s. ingress-benchmark.sh runs the broker in a JVM of its own (StandaloneKafkaBroker).
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

    private static void printLatency(String label, double rate, LoadGenerator.Result full, LoadGenerator.Result bare) {
        System.out.printf("at %s = %.0f req/s: (a) p50 %.2f ms p99 %.2f ms (%d failures); (b) p50 %.2f ms p99 %.2f ms%n",
                label, rate, full.p50Millis(), full.p99Millis(), full.failures(), bare.p50Millis(), bare.p99Millis());
        System.out.printf("  p99 ratio a/b:            %8.2f   (target <= 3.00)%n", full.p99Millis() / bare.p99Millis());
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
            // "p99 at half that rate", read both ways: half of (b)'s throughput (the stricter), and half of (a)'s own.
            double halfBare = bareMax.throughputPerSecond() / 2;
            double halfFull = fullMax.throughputPerSecond() / 2;
            var fullAtHalfBare = load.constantRate(signed, halfBare, constant);
            var bareAtHalfBare = load.constantRate(bare, halfBare, constant);
            var fullAtHalfFull = load.constantRate(signed, halfFull, constant);
            var bareAtHalfFull = load.constantRate(bare, halfFull, constant);

            System.out.printf("%nwebhook-ingress benchmark (%d in flight on %d connections for %d s; constant rate for %d s)%n",
                    inFlight, connections, saturation.toSeconds(), constant.toSeconds());
            System.out.printf("(a) full path, saturated:   %8.0f req/s  (%d failures)%n", fullMax.throughputPerSecond(), fullMax.failures());
            System.out.printf("(b) bare 202, saturated:    %8.0f req/s  (%d failures)%n", bareMax.throughputPerSecond(), bareMax.failures());
            System.out.printf("throughput ratio a/b:       %8.2f   (target >= 0.50)%n",
                    fullMax.throughputPerSecond() / bareMax.throughputPerSecond());
            printLatency("half of (b)", halfBare, fullAtHalfBare, bareAtHalfBare);
            printLatency("half of (a)", halfFull, fullAtHalfFull, bareAtHalfFull);
        }
        System.exit(0);
    }
}
