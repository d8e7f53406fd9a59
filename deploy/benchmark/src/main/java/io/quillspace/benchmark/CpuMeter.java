package io.quillspace.benchmark;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * CPU time that the processes sharing this machine (service, broker, load generator) spend during a measurement, per
 * request and in cores: on a small machine a latency tail follows how close their sum comes to every core.
 */
final class CpuMeter {

    /** CPU time used by each process, the wall time and the requests it was spent on; adds up over rounds. */
    record Usage(Map<String, Duration> cpu, Duration wall, long requests) {
        static final Usage NONE = new Usage(Map.of(), Duration.ZERO, 0);

        Usage plus(Usage other) {
            Map<String, Duration> sum = new LinkedHashMap<>(cpu);
            other.cpu.forEach((name, time) -> sum.merge(name, time, Duration::plus));
            return new Usage(sum, wall.plus(other.wall), requests + other.requests);
        }

        String describe() {
            String perRequest = cpu.entrySet().stream()
                    .map(e -> String.format("%s %.0f us", e.getKey(), e.getValue().toNanos() / 1e3 / requests))
                    .collect(Collectors.joining(", "));
            long busy = cpu.values().stream().mapToLong(Duration::toNanos).sum();
            return String.format("CPU per request: %s; %.2f of %d cores busy", perRequest,
                    (double) busy / wall.toNanos(), Runtime.getRuntime().availableProcessors());
        }
    }

    /** A measurement's result and the CPU spent meanwhile. */
    record Measured(LoadGenerator.Result result, Usage usage) {
        static Usage total(List<Measured> rounds) {
            return rounds.stream().map(Measured::usage).reduce(Usage.NONE, Usage::plus);
        }
    }

    private final Map<String, ProcessHandle> processes;

    CpuMeter(Map<String, ProcessHandle> processes) {
        this.processes = processes;
    }

    /** Runs one measurement and returns its result with the CPU the processes used meanwhile. */
    Measured measure(Supplier<LoadGenerator.Result> measurement) {
        Map<String, Duration> before = cpuTimes();
        long start = System.nanoTime();
        LoadGenerator.Result result = measurement.get();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Map<String, Duration> used = new LinkedHashMap<>();
        cpuTimes().forEach((name, time) -> used.put(name, time.minus(before.get(name))));
        return new Measured(result, new Usage(used, wall, result.requests()));
    }

    private Map<String, Duration> cpuTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        processes.forEach((name, process) -> times.put(name, process.info().totalCpuDuration().orElse(Duration.ZERO)));
        return times;
    }
}
