package io.quillspace.benchmark;

import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.launcher.Fleet;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * webhook-ingress under load, in one run on one machine: (a) signed Calendly deliveries through the full path
 * (verify, publish with acks=all to the real broker, 202) against (b) a bare POST answering 202 with the same body in
 * the same process. Throughput at saturation, then p50/p99 at a constant rate of half of (a)'s throughput and of half
 * of (b)'s, over alternating rounds. ingress-benchmark.sh runs the broker in a JVM of its own (StandaloneKafkaBroker).
 */
public final class IngressBenchmark {

    private static final int WARM_UP_ROUNDS = 2;

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

    /** p50 and p99 of one path over several constant-rate rounds: every round, and the median of the rounds. */
    private record Rounds(List<CpuMeter.Measured> rounds) {
        double medianP50() {
            return median(results().mapToDouble(LoadGenerator.Result::p50Millis).toArray());
        }

        double medianP99() {
            return median(results().mapToDouble(LoadGenerator.Result::p99Millis).toArray());
        }

        long failures() {
            return results().mapToLong(LoadGenerator.Result::failures).sum();
        }

        String p99s() {
            return results().map(r -> String.format("%.2f", r.p99Millis())).collect(Collectors.joining(", "));
        }

        String cpu() {
            return CpuMeter.Measured.total(rounds).describe();
        }

        private Stream<LoadGenerator.Result> results() {
            return rounds.stream().map(CpuMeter.Measured::result);
        }

        private static double median(double[] values) {
            Arrays.sort(values);
            int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }
    }

    /**
     * After warm-up rounds of each, alternates (a) and (b) at the same rate, round by round, so that a stall of this
     * shared machine lands in one round of one path rather than deciding the comparison; the medians are compared.
     */
    private static void compareAtRate(LoadGenerator load, CpuMeter cpu, String label, double rate,
                                      LoadGenerator.Target signed, LoadGenerator.Target bare, int rounds, Duration each) {
        // Unmeasured rounds at this rate first. They drain whatever backlog saturation left in the service and broker,
        // and after saturation the JVMs recompile for the constant-rate mix (small producer batches, idle gaps): for
        // a minute their C2 threads take a whole core in bursts of seconds.
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            load.constantRate(signed, rate, each);
            load.constantRate(bare, rate, each);
        }
        List<CpuMeter.Measured> full = new ArrayList<>();
        List<CpuMeter.Measured> baseline = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            full.add(cpu.measure(() -> load.constantRate(signed, rate, each)));
            baseline.add(cpu.measure(() -> load.constantRate(bare, rate, each)));
        }
        Rounds a = new Rounds(full);
        Rounds b = new Rounds(baseline);
        System.out.printf("at %s = %.0f req/s (%d rounds of %d s each, medians):%n", label, rate, rounds, each.toSeconds());
        System.out.printf("  (a) p50 %.2f ms p99 %.2f ms (%d failures; p99 per round: %s)%n",
                a.medianP50(), a.medianP99(), a.failures(), a.p99s());
        System.out.printf("  (b) p50 %.2f ms p99 %.2f ms (%d failures; p99 per round: %s)%n",
                b.medianP50(), b.medianP99(), b.failures(), b.p99s());
        System.out.printf("  (a) %s%n", a.cpu());
        System.out.printf("  (b) %s%n", b.cpu());
        System.out.printf("  p99 ratio a/b:            %8.2f   (target <= 3.00)%n", a.medianP99() / b.medianP99());
    }

    /** The service, the broker when ingress-benchmark.sh names its process, and this generator. */
    private static Map<String, ProcessHandle> processes(Fleet fleet) {
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        processes.put("service", fleet.process(FleetService.WEBHOOK_INGRESS));
        Long broker = Long.getLong("benchmark.broker.pid");
        if (broker != null) {
            ProcessHandle.of(broker).ifPresent(process -> processes.put("broker", process));
        }
        processes.put("generator", ProcessHandle.current());
        return processes;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        Duration saturation = Duration.ofSeconds(Long.getLong("saturation.seconds", 20));
        Duration constant = Duration.ofSeconds(Long.getLong("constant.seconds", 20));
        Duration warmUp = Duration.ofSeconds(Long.getLong("warmup.seconds", 90));
        int inFlight = Integer.getInteger("in.flight", 256);
        int connections = Integer.getInteger("connections", 256);
        int rounds = Integer.getInteger("rounds", 5);
        int alsoRate = Integer.getInteger("also.rate", 0);
        byte[] body = CalendlyFixtures.body("invitee.created.json");

        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
             LoadGenerator load = new LoadGenerator(connections);
             Fleet fleet = Fleet.start(infrastructure, root, Set.of(FleetService.WEBHOOK_INGRESS), "benchmark-app",
                     service -> ServicePorts.free(), Duration.ofMinutes(2))) {
            URI webhook = fleet.url(FleetService.WEBHOOK_INGRESS, "/webhooks/calendly");
            URI baseline = fleet.url(FleetService.WEBHOOK_INGRESS, "/benchmark/baseline");
            var signed = new LoadGenerator.Target(webhook, new SignedHeaders(body), Buffer.buffer(body));
            var bare = new LoadGenerator.Target(baseline, () -> jsonHeaders(), Buffer.buffer(body));

            System.out.println("warm-up ...");
            // Until the JIT has compiled both paths: on two shared cores that takes tens of seconds.
            load.saturate(signed, inFlight, warmUp);
            load.saturate(bare, inFlight, warmUp);

            CpuMeter cpu = new CpuMeter(processes(fleet));
            var fullMax = cpu.measure(() -> load.saturate(signed, inFlight, saturation));
            var bareMax = cpu.measure(() -> load.saturate(bare, inFlight, saturation));
            System.out.printf("%nwebhook-ingress benchmark (%d in flight on %d connections for %d s)%n",
                    inFlight, connections, saturation.toSeconds());
            double fullRate = fullMax.result().throughputPerSecond();
            double bareRate = bareMax.result().throughputPerSecond();
            System.out.printf("(a) full path, saturated:   %8.0f req/s  (%d failures)%n",
                    fullRate, fullMax.result().failures());
            System.out.printf("(b) bare 202, saturated:    %8.0f req/s  (%d failures)%n",
                    bareRate, bareMax.result().failures());
            System.out.printf("throughput ratio a/b:       %8.2f   (target >= 0.50)%n", fullRate / bareRate);
            System.out.printf("  (a) %s%n  (b) %s%n", fullMax.usage().describe(), bareMax.usage().describe());
            // "p99 at half that rate", read both ways: half of (a)'s own throughput, and half of (b)'s (the stricter,
            // measured last because it may overload (a)).
            compareAtRate(load, cpu, "half of (a)", fullRate / 2, signed, bare, rounds, constant);
            if (alsoRate > 0) {
                // A rate of the caller's choosing, e.g. one that leaves the shared cores headroom.
                compareAtRate(load, cpu, "-Dalso.rate", alsoRate, signed, bare, rounds, constant);
            }
            compareAtRate(load, cpu, "half of (b)", bareRate / 2, signed, bare, rounds, constant);
        }
        System.exit(0);
    }
}
