package io.quillspace.infra.launcher;

import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServiceDatabase;
import io.quillspace.infra.ServicePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The four services as separate processes (their packaged fast-jars, production profile), wired to one
 * {@link Infrastructure}. Used by the local launcher, the benchmarks, the system test and the rehearsal of the
 * Kubernetes manifests. As in Kubernetes, each service with a database is first run as its own migration (init
 * container: {@code quarkus.init-and-exit}, Flyway with the owner's credentials, nothing else) and then started with
 * migrations off and the runtime role's credentials only; each process runs the JVM its image's run-java.sh would
 * start ({@link RunJava}) from the jar's directory.
 */
public final class Fleet implements AutoCloseable {

    /** The studio the local fleet serves on {@code POST /webhooks/calendly}. */
    public static final UUID DEMO_TENANT = UUID.fromString("3f2b8c1e-5d4a-4c7b-9e61-2a7d0c9b4f10");

    /**
     * One process: {@code name} says which (a container's name in the rehearsal), {@code command} and
     * {@code environment} are all it gets, run from {@code directory}.
     */
    public record Launch(String name, List<String> command, Map<String, String> environment, Path directory) {
    }

    /**
     * How one service is started: its migration step (services with a database), then the service, ready when
     * {@code readinessPath} on its management port answers 200.
     */
    public record ServiceLaunch(ServicePorts ports, String readinessPath, Optional<Launch> migration, Launch service) {
    }

    /** A start-up failure names what Quarkus found missing: SmallRye's SRCFG00014 and the services' own checks. */
    private static final Pattern MISSING_PROPERTY = Pattern.compile("config property ([^\\s]+) is required");
    /** Kubernetes gives an init container no deadline: this only catches a hang, also on a crowded machine. */
    private static final Duration MIGRATION_TIMEOUT = Duration.ofMinutes(5);
    /** What only the migration step may hold: Flyway's owner credentials. */
    private static final Set<String> OWNER_CREDENTIALS = Set.of("quarkus.flyway.username", "quarkus.flyway.password");
    /** No trace collector runs locally, and logs are read by people. */
    private static final Map<String, String> LOCAL =
            Map.of("quarkus.otel.sdk.disabled", "true", "quarkus.log.console.json.enabled", "false");

    private final Map<FleetService, Process> processes = new EnumMap<>(FleetService.class);
    private final Map<FleetService, ServicePorts> ports = new EnumMap<>(FleetService.class);
    private final Map<FleetService, String> names = new EnumMap<>(FleetService.class);
    private final Map<FleetService, String> readinessPaths = new EnumMap<>(FleetService.class);
    private final Path logDirectory;
    private final HttpClient http = HttpClient.newHttpClient();
    /** What {@link #restart} needs to launch a service again as it was launched first. */
    private final Map<FleetService, Launch> launches = new EnumMap<>(FleetService.class);
    private final Map<FleetService, Long> launchedAt = new EnumMap<>(FleetService.class);
    private final Map<FleetService, Duration> startUps = new EnumMap<>(FleetService.class);

    private Fleet(Path logDirectory) {
        this.logDirectory = logDirectory;
    }

    /**
     * Starts every service from {@code root}/&lt;module&gt;/target/quarkus-app and waits until all are ready.
     *
     * @param ports API and management ports per service
     */
    public static Fleet start(Infrastructure infrastructure, Path root, Function<FleetService, ServicePorts> ports,
                              Duration readyTimeout) {
        return start(infrastructure, root, ports, readyTimeout, service -> { });
    }

    /** As above, telling {@code ready} about each service as soon as it is ready, in whatever order they get there. */
    public static Fleet start(Infrastructure infrastructure, Path root, Function<FleetService, ServicePorts> ports,
                              Duration readyTimeout, Consumer<FleetService> ready) {
        return start(infrastructure, root, ports, readyTimeout, ready, Map.of());
    }

    /** As above, with {@code extraConfig} for every service (the system test points their traces at its receiver). */
    public static Fleet start(Infrastructure infrastructure, Path root, Function<FleetService, ServicePorts> ports,
                              Duration readyTimeout, Consumer<FleetService> ready, Map<String, String> extraConfig) {
        return start(infrastructure, root, EnumSet.allOf(FleetService.class), "quarkus-app", ports, readyTimeout,
                root.resolve(".quillspace/logs"), ready, service -> extraConfig);
    }

    /**
     * Starts some services, from {@code root}/&lt;module&gt;/target/{@code appDirectory} (benchmarks use a variant
     * build in another directory), and waits until they are ready.
     */
    public static Fleet start(Infrastructure infrastructure, Path root, Set<FleetService> services, String appDirectory,
                              Function<FleetService, ServicePorts> ports, Duration readyTimeout) {
        return start(infrastructure, root, services, appDirectory, ports, readyTimeout, root.resolve(".quillspace/logs"));
    }

    /** As above, logging to {@code logDirectory}: a second instance of a service (a benchmark's replica) keeps its own log. */
    public static Fleet start(Infrastructure infrastructure, Path root, Set<FleetService> services, String appDirectory,
                              Function<FleetService, ServicePorts> ports, Duration readyTimeout, Path logDirectory) {
        return start(infrastructure, root, services, appDirectory, ports, readyTimeout, logDirectory, Map.of());
    }

    /**
     * As above, with extra settings per service over the fleet's own, e.g. webhook-ingress pointed at a Calendly API
     * stand-in with a studio's token (the reconciliation benchmark).
     */
    public static Fleet start(Infrastructure infrastructure, Path root, Set<FleetService> services, String appDirectory,
                              Function<FleetService, ServicePorts> ports, Duration readyTimeout, Path logDirectory,
                              Map<FleetService, Map<String, String>> settings) {
        return start(infrastructure, root, services, appDirectory, ports, readyTimeout, logDirectory, service -> { },
                service -> settings.getOrDefault(service, Map.of()));
    }

    /**
     * As above, telling {@code ready} about each service as soon as it is ready, with {@code extraConfig} of each
     * service over the fleet's own (the system test points traces at its receiver and webhook-ingress at a Calendly
     * API stand-in).
     */
    public static Fleet start(Infrastructure infrastructure, Path root, Set<FleetService> services, String appDirectory,
                              Function<FleetService, ServicePorts> ports, Duration readyTimeout, Path logDirectory,
                              Consumer<FleetService> ready, Function<FleetService, Map<String, String>> extraConfig) {
        try {
            Files.createDirectories(logDirectory);
            // Absolute: the services run from their jar's directory, as run-java.sh runs them.
            Path devPublicKey = logDirectory.resolveSibling("dev-jwt-public-key.pem").toAbsolutePath();
            Files.writeString(devPublicKey, DevTokens.publicKeyPem());
            BaseManifests manifests = new BaseManifests(root);
            Map<String, String> jvm = manifests.configMap("quillspace-jvm");
            Map<FleetService, ServiceLaunch> launches = new EnumMap<>(FleetService.class);
            for (FleetService service : services) {
                ServicePorts port = ports.apply(service);
                Path jar = jar(root, service, appDirectory);
                // What the pod's run-java.sh reads: the image's variables and the ConfigMap, not this shell's.
                Map<String, String> container = new HashMap<>(ContainerImage.environment(root, service.module()));
                container.putAll(jvm);
                Map<String, String> environment = new HashMap<>(System.getenv());
                environment.putAll(container);
                RunJava.Limits limits = manifests.limits(service.module());
                Map<String, String> config = config(infrastructure, service, port, devPublicKey);
                config.putAll(extraConfig.apply(service));
                Launch launch = new Launch(service.module(), RunJava.command(javaExecutable(), container, limits,
                        systemProperties(config), jar), environment, jar.getParent());
                Optional<Launch> migration = service.database().map(database -> new Launch(service.module() + " migration",
                        RunJava.command(javaExecutable(), container, limits,
                                systemProperties(migrationConfig(infrastructure.database(database))), jar),
                        environment, jar.getParent()));
                launches.put(service, new ServiceLaunch(port, "/q/health/ready", migration, launch));
            }
            return start(launches, logDirectory, readyTimeout, ready);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts services exactly as {@code launches} say: every migration first, in parallel, each of which must exit
     * 0; then the services, in parallel, telling {@code ready} about each as soon as its readiness check passes.
     */
    public static Fleet start(Map<FleetService, ServiceLaunch> launches, Path logDirectory, Duration readyTimeout,
                              Consumer<FleetService> ready) {
        Fleet fleet = new Fleet(logDirectory);
        try {
            Files.createDirectories(logDirectory);
            fleet.migrate(launches);
            for (var launch : launches.entrySet()) {
                fleet.launch(launch.getKey(), launch.getValue());
            }
            fleet.awaitReady(readyTimeout, ready);
            return fleet;
        } catch (IOException e) {
            fleet.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /** Runs the migrations in parallel, as each pod's init container does; each must exit 0 in time. */
    private void migrate(Map<FleetService, ServiceLaunch> launches) throws IOException {
        Map<FleetService, Process> migrations = new EnumMap<>(FleetService.class);
        Map<FleetService, Launch> steps = new EnumMap<>(FleetService.class);
        launches.forEach((service, launch) -> launch.migration().ifPresent(step -> steps.put(service, step)));
        for (var step : steps.entrySet()) {
            migrations.put(step.getKey(), start(step.getValue(), migrationLog(step.getKey())));
        }
        long deadline = System.nanoTime() + MIGRATION_TIMEOUT.toNanos();
        for (var migration : migrations.entrySet()) {
            Path log = migrationLog(migration.getKey());
            String name = steps.get(migration.getKey()).name();
            try {
                if (!migration.getValue().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    migrations.values().forEach(Process::destroyForcibly);
                    throw new IllegalStateException(name + " did not finish within " + MIGRATION_TIMEOUT + "; see " + log);
                }
            } catch (InterruptedException e) {
                migrations.values().forEach(Process::destroyForcibly);
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (migration.getValue().exitValue() != 0) {
                migrations.values().forEach(Process::destroyForcibly);
                throw new IllegalStateException(exited(name, migration.getValue().exitValue(), log));
            }
        }
    }

    private static Process start(Launch launch, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .directory(launch.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        return builder.start();
    }

    /** "name exited with 1, missing: a.b, c.d; see log": what an operator reading a CrashLoopBackOff needs first. */
    private static String exited(String name, int exitValue, Path log) {
        List<String> missing = missingProperties(log);
        return name + " exited with " + exitValue + (missing.isEmpty() ? "" : ", missing: " + String.join(", ", missing))
                + "; see " + log;
    }

    /** The properties a failed start-up's output says are required but absent, in order of appearance. */
    public static List<String> missingProperties(Path log) {
        try {
            Matcher missing = MISSING_PROPERTY.matcher(Files.readString(log));
            Set<String> properties = new LinkedHashSet<>();
            while (missing.find()) {
                properties.add(missing.group(1));
            }
            return List.copyOf(properties);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path jar(Path root, FleetService service, String appDirectory) {
        Path jar = root.resolve(service.module()).resolve("target").resolve(appDirectory).resolve("quarkus-run.jar")
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw -DskipTests install");
        }
        return jar;
    }

    private static List<String> systemProperties(Map<String, String> config) {
        return config.entrySet().stream().map(entry -> "-D" + entry.getKey() + "=" + entry.getValue()).toList();
    }

    private void launch(FleetService service, ServiceLaunch launch) throws IOException {
        launchedAt.put(service, System.nanoTime());
        processes.put(service, start(launch.service(), log(service)));
        launches.put(service, launch.service());
        ports.put(service, launch.ports());
        names.put(service, launch.service().name());
        readinessPaths.put(service, launch.readinessPath());
    }

    /**
     * What a migration step gets, as the init container: its database with the owner's and the runtime role's
     * credentials, and ports of its own (it must not collide with the running services).
     */
    private static Map<String, String> migrationConfig(ServiceDatabase database) {
        Map<String, String> config = new TreeMap<>(database.quarkusConfig());
        config.put("quarkus.init-and-exit", "true");
        config.put("quarkus.flyway.migrate-at-start", "true");
        // Ports of its own, as the init container has the pod's before the service starts.
        ServicePorts own = ServicePorts.free();
        config.put("quarkus.http.port", Integer.toString(own.api()));
        config.put("quarkus.management.port", Integer.toString(own.management()));
        config.putAll(LOCAL);
        return config;
    }

    /** The service's configuration on this machine: the runtime role's credentials, migrations off. */
    private static Map<String, String> config(Infrastructure infrastructure, FleetService service, ServicePorts port,
                                              Path devPublicKey) {
        Map<String, String> config = new TreeMap<>(infrastructure.configFor(service));
        config.keySet().removeAll(OWNER_CREDENTIALS);
        config.put("quarkus.flyway.migrate-at-start", "false");
        config.put("quarkus.http.port", Integer.toString(port.api()));
        config.put("quarkus.management.port", Integer.toString(port.management()));
        config.putAll(LOCAL);
        switch (service) {
            case WEBHOOK_INGRESS -> {
                config.put("quillspace.ingress.tenants.studio.id", DEMO_TENANT.toString());
                config.put("quillspace.ingress.tenants.studio.signing-keys", CalendlyFixtures.TEST_SIGNING_KEY);
                // A fixed local key-encryption key: the studio's sealed keys stay readable across restarts of one fleet.
                config.put("quillspace.ingress.kek.keys.local", "bG9jYWwtZmxlZXQta2V5LWVuY3J5cHRpb24ta2V5LTE=");
                config.put("quillspace.ingress.kek.current", "local");
            }
            case EMAIL -> {
                config.put("quillspace.email.dispatch-interval", "1s");
                config.put("quillspace.email.unsubscribe.base-url", "http://127.0.0.1:" + port.api());
                config.put("quillspace.email.unsubscribe.secret", UUID.randomUUID().toString());
            }
            default -> {
            }
        }
        if (service.database().isPresent()) {
            // Local runs accept tokens minted by ./quillspace token (the development key pair).
            config.put("mp.jwt.verify.publickey.location", devPublicKey.toString());
        }
        return config;
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private void awaitReady(Duration timeout, Consumer<FleetService> ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<FleetService> waiting = EnumSet.copyOf(processes.keySet());
        while (!waiting.isEmpty()) {
            for (FleetService service : List.copyOf(waiting)) {
                if (isReady(service)) {
                    startUps.put(service, Duration.ofNanos(System.nanoTime() - launchedAt.get(service)));
                    waiting.remove(service);
                    ready.accept(service);
                    continue;
                }
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    throw new IllegalStateException(exited(names.get(service), process.exitValue(), log(service)));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(names.get(service) + " not ready within " + timeout
                            + "; see " + log(service));
                }
            }
            if (!waiting.isEmpty()) {
                sleep(Duration.ofMillis(250));
            }
        }
    }

    private boolean isReady(FleetService service) {
        return answers200(managementUrl(service, readinessPaths.get(service)));
    }

    private boolean answers200(URI uri) {
        try {
            var response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A path on the service's API. */
    public URI url(FleetService service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service).api() + path);
    }

    /** A path on the service's management interface ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}). */
    public URI managementUrl(FleetService service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service).management() + path);
    }

    public Path log(FleetService service) {
        return logDirectory.resolve(service.module() + ".log");
    }

    /** The output of the service's migration step (services with a database). */
    public Path migrationLog(FleetService service) {
        return logDirectory.resolve(service.module() + "-migration.log");
    }

    /** The running service's process (benchmarks read its CPU time). */
    public ProcessHandle process(FleetService service) {
        return processes.get(service).toHandle();
    }

    /** Kills the service's process at once (SIGKILL: no shutdown hook, no graceful drain), as a crashed node would. */
    public void kill(FleetService service) throws InterruptedException {
        Process process = processes.get(service);
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts a killed or stopped service again, on its ports and with its configuration, and waits until it is ready. */
    public void restart(FleetService service, Duration readyTimeout) throws IOException {
        launchedAt.put(service, System.nanoTime());
        processes.put(service, start(launches.get(service), log(service)));
        awaitReady(readyTimeout, ready -> { });
    }

    /**
     * A second process of a running service, as a second pod would be: its launch with only the ports changed, ready
     * on its own readiness path before this returns. Closing it stops it gracefully.
     */
    public Replica startReplica(FleetService service, ServicePorts replicaPorts, Duration readyTimeout)
            throws IOException {
        Launch original = launches.get(service);
        ServicePorts originalPorts = ports.get(service);
        List<String> command = original.command().stream()
                .map(argument -> argument.equals("-Dquarkus.http.port=" + originalPorts.api())
                        ? "-Dquarkus.http.port=" + replicaPorts.api()
                        : argument.equals("-Dquarkus.management.port=" + originalPorts.management())
                        ? "-Dquarkus.management.port=" + replicaPorts.management() : argument)
                .toList();
        String name = original.name() + "-replica";
        Path replicaLog = logDirectory.resolve(name + ".log");
        Replica replica = new Replica(start(new Launch(name, command, original.environment(), original.directory()),
                replicaLog));
        URI readiness = URI.create("http://127.0.0.1:" + replicaPorts.management() + readinessPaths.get(service));
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!answers200(readiness)) {
            if (!replica.process().isAlive() || System.nanoTime() > deadline) {
                replica.close();
                throw new IllegalStateException(name + " not ready within " + readyTimeout + "; see " + replicaLog);
            }
            sleep(Duration.ofMillis(250));
        }
        return replica;
    }

    /** A service's second process (see {@link #startReplica}). */
    public record Replica(Process process) implements AutoCloseable {
        @Override
        public void close() {
            stop(process);
        }
    }

    /** How long each service took from its process's launch to its first ready answer (polled every 250 ms). */
    public Map<FleetService, Duration> startUps() {
        return Map.copyOf(startUps);
    }

    /** Resident memory of each service process in KiB, read from /proc (Linux). */
    public Map<FleetService, Long> residentKib() {
        Map<FleetService, Long> rss = new EnumMap<>(FleetService.class);
        processes.forEach((service, process) -> {
            try {
                Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                        .filter(line -> line.startsWith("VmRSS:"))
                        .findFirst()
                        .ifPresent(line -> rss.put(service, Long.parseLong(line.replaceAll("\\D", ""))));
            } catch (IOException e) {
                // Not Linux or the process is gone: no figure.
            }
        });
        return rss;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops every service gracefully (SIGTERM), forcibly after 20 s. */
    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        processes.values().forEach(Fleet::stop);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
