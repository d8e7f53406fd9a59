package io.quillspace.faults;

import io.quillspace.infra.FleetService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./quillspace verify faults [scenario…]}: starts the packaged fleet, runs the scenarios in turn, writes the
 * results file and exits 1 if any promise failed. Scenarios: {@code crash}, {@code crash-one} (the CI subset's),
 * {@code duplicates}, {@code duplicates-one} (the CI subset's), {@code poison}, {@code hostile}, {@code broker-outage}, {@code database-outage}, {@code smtp-outage},
 * {@code reconciliation}; none named runs them all.
 */
public final class FaultSuite {

    /** Loggers kept referenced so their levels stick: the embedded broker's chatter hides the results. */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger"), Logger.getLogger("io.zonky"), Logger.getLogger("com.icegreen"));

    /** Every scenario by its command-line name, in the order a full run takes them. */
    static final Map<String, Supplier<Scenario>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("broker-outage", BrokerOutage::new);
        SCENARIOS.put("hostile", HostileInput::new);
        SCENARIOS.put("poison", Poison::new);
        SCENARIOS.put("duplicates", () -> new Duplicates(3));
        SCENARIOS.put("database-outage", DatabaseOutage::new);
        SCENARIOS.put("smtp-outage", SmtpOutage::new);
        SCENARIOS.put("reconciliation", Reconciliation::new);
        SCENARIOS.put("duplicates-one", () -> new Duplicates(1));
        SCENARIOS.put("crash-one", () -> new Crash(List.of(FleetService.EMAIL), 20, Duration.ofSeconds(30)));
        SCENARIOS.put("crash", () -> new Crash(List.of(FleetService.WEBHOOK_INGRESS, FleetService.BOOKING,
                FleetService.EMAIL, FleetService.PROJECT), 20, Duration.ofSeconds(60)));
    }

    /** The scenarios {@code .ci/run} runs (FaultSuiteIT): the short forms of duplicates and crash. */
    public static final List<String> CI_SUBSET = List.of("hostile", "poison", "duplicates-one", "crash-one");

    private FaultSuite() {
    }

    public static void main(String[] args) throws IOException {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        Path root = Path.of(System.getProperty("quillspace.root", ".")).toAbsolutePath().normalize();
        List<String> names = args.length == 0
                ? SCENARIOS.keySet().stream().filter(name -> !name.endsWith("-one")).toList() : List.of(args);
        Path results = root.resolve(System.getProperty("quillspace.faults.results", "deploy/fault-suite/RESULTS.md"));
        List<Outcome> outcomes = run(root, names, results);
        System.exit(outcomes.stream().allMatch(Outcome::pass) ? 0 : 1);
    }

    /** Runs the named scenarios on one fleet and writes {@code results}; a scenario that throws is one FAIL. */
    public static List<Outcome> run(Path root, List<String> names, Path results) throws IOException {
        for (String name : names) {
            if (!SCENARIOS.containsKey(name)) {
                throw new IllegalArgumentException("unknown scenario " + name + "; known: " + SCENARIOS.keySet());
            }
        }
        Instant started = Instant.now();
        List<Outcome> outcomes = new ArrayList<>();
        List<String> timings = new ArrayList<>();
        say("starting PostgreSQL, Kafka, SMTP and the four packaged services ...");
        try (FaultFleet fleet = FaultFleet.start(root, root.resolve(".quillspace/logs/faults"))) {
            timings.add("fleet ready in " + Duration.between(started, Instant.now()).toSeconds() + " s");
            for (String name : names) {
                Scenario scenario = SCENARIOS.get(name).get();
                say("scenario " + scenario.name() + " ...");
                long begun = System.nanoTime();
                try {
                    outcomes.addAll(scenario.run(fleet));
                } catch (Exception | AssertionError e) {
                    outcomes.add(Outcome.check(scenario.name(), "(scenario did not finish)", "a reconciliation",
                            e.toString(), false));
                }
                timings.add(scenario.name() + ": " + Duration.ofNanos(System.nanoTime() - begun).toSeconds() + " s");
                // After each scenario, so a run cut short still leaves what it found.
                write(results, started, names, timings, outcomes);
            }
        }
        say("results written to " + results);
        outcomes.stream().filter(outcome -> !outcome.pass())
                .forEach(outcome -> say("FAIL " + outcome.scenario() + ": " + outcome.counted()));
        return outcomes;
    }

    private static void write(Path results, Instant started, List<String> names, List<String> timings,
                              List<Outcome> outcomes) throws IOException {
        List<String> preamble = new ArrayList<>(List.of(
                "Run " + started + " on " + Runtime.getRuntime().availableProcessors() + " cores (nproc), Java "
                        + System.getProperty("java.version"),
                "Scenarios: " + String.join(", ", names),
                "Logs: .quillspace/logs/faults"));
        preamble.addAll(timings);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, Outcome.markdown("QuillSpace fault suite results", preamble, outcomes));
    }

    private static void say(String line) {
        System.out.println("[faults] " + line);
    }
}
