package io.quillspace.infra.launcher;

import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The four services as separate processes (their packaged fast-jars, production profile), wired to one
 * {@link Infrastructure}. Used by the local launcher and by the system test. As in Kubernetes, each service with a
 * database is first run as its own migration (init container: {@code quarkus.init-and-exit}, Flyway with the owner's
 * credentials) and then started with migrations off and the runtime role's credentials only.
 */
public final class Fleet implements AutoCloseable {

    /** The studio the local fleet serves on {@code POST /webhooks/calendly}. */
    public static final UUID DEMO_TENANT = UUID.fromString("3f2b8c1e-5d4a-4c7b-9e61-2a7d0c9b4f10");

    /** Each service's heap: half the memory limit the Kubernetes Deployments give it (512 MiB). */
    public static final int HEAP_MIB = 256;

    /**
     * The JVM that k8s/base/config.yaml (ConfigMap quillspace-jvm) gives every service in production, G1 on a fixed heap,
     * rather than what this host's ergonomics would choose (the serial collector below two cores or 1792 MB).
     */
    private static final List<String> JVM_OPTIONS =
            List.of("-XX:+UseG1GC", "-Xms" + HEAP_MIB + "m", "-Xmx" + HEAP_MIB + "m");
    /** What only the migration step may hold: Flyway's owner credentials. */
    private static final Set<String> OWNER_CREDENTIALS = Set.of("quarkus.flyway.username", "quarkus.flyway.password");
    private static final Duration MIGRATION_TIMEOUT = Duration.ofMinutes(2);
    /** No trace collector runs locally, and logs are read by people. */
    private static final Map<String, String> LOCAL =
            Map.of("quarkus.otel.sdk.disabled", "true", "quarkus.log.console.json.enabled", "false");

    private final Map<FleetService, Process> processes = new EnumMap<>(FleetService.class);
    private final Map<FleetService, ServicePorts> ports = new EnumMap<>(FleetService.class);
    private final Path logDirectory;
    private final Function<FleetService, Map<String, String>> extraConfig;
    private final HttpClient http = HttpClient.newHttpClient();
    /** What {@link #restart} needs to launch a service again as it was launched first. */
    private final Map<FleetService, Path> jars = new EnumMap<>(FleetService.class);
    private Infrastructure infrastructure;

    private Fleet(Path logDirectory, Function<FleetService, Map<String, String>> extraConfig) {
        this.logDirectory = logDirectory;
        this.extraConfig = extraConfig;
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
        Fleet fleet = new Fleet(logDirectory, extraConfig);
        try {
            Files.createDirectories(fleet.logDirectory);
            Files.writeString(fleet.devPublicKey(), DevTokens.publicKeyPem());
            Map<FleetService, ServicePorts> chosen = new EnumMap<>(FleetService.class);
            services.forEach(service -> chosen.put(service, ports.apply(service)));
            fleet.migrate(infrastructure, root, chosen, appDirectory);
            for (FleetService service : services) {
                fleet.launch(infrastructure, jar(root, service, appDirectory), service, chosen.get(service));
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

    /**
     * Runs each database service's migrations, in parallel, the way its Kubernetes init container does: the service's
     * own image with {@code QUARKUS_INIT_AND_EXIT=true}, Flyway on and the owner's credentials; it must exit 0.
     */
    private void migrate(Infrastructure infrastructure, Path root, Map<FleetService, ServicePorts> services,
                         String appDirectory) throws IOException {
        Map<FleetService, Process> migrations = new EnumMap<>(FleetService.class);
        for (FleetService service : services.keySet()) {
            if (service.database().isEmpty()) {
                continue;
            }
            // The same configuration as the service itself (it is validated at start), plus the owner's credentials.
            Map<String, String> config = config(infrastructure, service, services.get(service));
            config.put("quarkus.init-and-exit", "true");
            config.put("quarkus.flyway.migrate-at-start", "true");
            Path log = migrationLog(service);
            migrations.put(service, new ProcessBuilder(command(jar(root, service, appDirectory), config))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        long deadline = System.nanoTime() + MIGRATION_TIMEOUT.toNanos();
        for (var migration : migrations.entrySet()) {
            Path log = migrationLog(migration.getKey());
            try {
                if (!migration.getValue().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    migrations.values().forEach(Process::destroyForcibly);
                    throw new IllegalStateException(migration.getKey().module() + " migration did not finish within "
                            + MIGRATION_TIMEOUT + "; see " + log);
                }
            } catch (InterruptedException e) {
                migrations.values().forEach(Process::destroyForcibly);
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (migration.getValue().exitValue() != 0) {
                throw new IllegalStateException(migration.getKey().module() + " migration exited with "
                        + migration.getValue().exitValue() + "; see " + log);
            }
        }
    }

    private static Path jar(Path root, FleetService service, String appDirectory) {
        Path jar = root.resolve(service.module()).resolve("target").resolve(appDirectory).resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw -DskipTests install");
        }
        return jar;
    }

    private static List<String> command(Path jar, Map<String, String> config) {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(JVM_OPTIONS);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private void launch(Infrastructure infrastructure, Path jar, FleetService service, ServicePorts port)
            throws IOException {
        Map<String, String> config = config(infrastructure, service, port);
        // Migrated already: the service holds the runtime role's credentials only.
        config.keySet().removeAll(OWNER_CREDENTIALS);
        config.put("quarkus.flyway.migrate-at-start", "false");
        Path log = logDirectory.resolve(service.module() + ".log");
        this.infrastructure = infrastructure;
        jars.put(service, jar);
        Process process = new ProcessBuilder(command(jar, config))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.put(service, process);
        ports.put(service, port);
    }

    /** The service's configuration on this machine, owner's credentials included. */
    private Map<String, String> config(Infrastructure infrastructure, FleetService service, ServicePorts port) {
        Map<String, String> config = new java.util.TreeMap<>(infrastructure.configFor(service));
        config.put("quarkus.http.port", Integer.toString(port.api()));
        config.put("quarkus.management.port", Integer.toString(port.management()));
        config.putAll(LOCAL);
        switch (service) {
            case WEBHOOK_INGRESS -> {
                config.put("quillspace.ingress.tenants.studio.id", DEMO_TENANT.toString());
                config.put("quillspace.ingress.tenants.studio.signing-keys", CalendlyFixtures.TEST_SIGNING_KEY);
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
            config.put("mp.jwt.verify.publickey.location", devPublicKey().toString());
        }
        config.putAll(extraConfig.apply(service));
        return config;
    }

    private Path devPublicKey() {
        return logDirectory.resolveSibling("dev-jwt-public-key.pem");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitReady(Duration timeout, Consumer<FleetService> ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<FleetService> waiting = EnumSet.copyOf(processes.keySet());
        while (!waiting.isEmpty()) {
            for (FleetService service : List.copyOf(waiting)) {
                if (isReady(service)) {
                    waiting.remove(service);
                    ready.accept(service);
                    continue;
                }
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    throw new IllegalStateException(service.module() + " exited with " + process.exitValue()
                            + "; see " + logDirectory.resolve(service.module() + ".log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.module() + " not ready within " + timeout
                            + "; see " + logDirectory.resolve(service.module() + ".log"));
                }
            }
            if (!waiting.isEmpty()) {
                sleep(Duration.ofMillis(250));
            }
        }
    }

    private boolean isReady(FleetService service) {
        try {
            var response = http.send(HttpRequest.newBuilder(managementUrl(service, "/q/health/ready"))
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
        launch(infrastructure, jars.get(service), service, ports.get(service));
        awaitReady(readyTimeout, ready -> { });
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
        for (Process process : processes.values()) {
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
}
