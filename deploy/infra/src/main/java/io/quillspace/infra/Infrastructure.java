package io.quillspace.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fleet's real infrastructure: PostgreSQL, a Kafka broker, an SMTP server and (on first use) an S3 store. Written once, used by every service's
 * tests (through {@code InfrastructureTestResource}), by the system test and by the local launcher.
 */
public final class Infrastructure implements AutoCloseable {

    public record Ports(int postgres, int kafka, int smtp) {
        /** Free ports chosen at start: what tests use so that runs never collide. */
        public static final Ports EPHEMERAL = new Ports(0, 0, 0);
    }

    private static Infrastructure shared;

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final SmtpServer smtp;
    private final boolean freshDatabases;
    private final Map<String, ServiceDatabase> databases = new ConcurrentHashMap<>();
    private ObjectStore objectStore;

    private Infrastructure(PostgresServer postgres, KafkaBroker kafka, SmtpServer smtp, boolean freshDatabases) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.smtp = smtp;
        this.freshDatabases = freshDatabases;
    }

    /**
     * Starts the three servers in parallel.
     *
     * @param freshDatabases drop and re-create each service database on first use (tests); the launcher keeps data
     */
    public static Infrastructure start(Ports ports, boolean freshDatabases) {
        var postgres = CompletableFuture.supplyAsync(() -> PostgresServer.start(ports.postgres()));
        var kafka = CompletableFuture.supplyAsync(() -> KafkaBroker.start(ports.kafka()));
        var smtp = CompletableFuture.supplyAsync(() -> SmtpServer.start(ports.smtp()));
        try {
            CompletableFuture.allOf(postgres, kafka, smtp).join();
        } catch (CompletionException e) {
            // One server failed: stop the others rather than leave them running with nothing to use them.
            for (CompletableFuture<? extends AutoCloseable> server : List.of(postgres, kafka, smtp)) {
                if (!server.isCompletedExceptionally()) {
                    closeQuietly(server.join());
                }
            }
            throw e;
        }
        return new Infrastructure(postgres.join(), kafka.join(), smtp.join(), freshDatabases);
    }

    /** One infrastructure per JVM, on free ports, stopped when the JVM exits: what a test run shares. */
    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = start(Ports.EPHEMERAL, true);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "quillspace-infra-stop"));
        }
        return shared;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public SmtpServer smtp() {
        return smtp;
    }

    /** The S3-compatible store, started on first use (on a free port) and only by runs with services that sign. */
    public synchronized ObjectStore objectStore() {
        if (objectStore == null) {
            objectStore = ObjectStore.start(0);
        }
        return objectStore;
    }

    /** The service's own database, provisioned on first use. */
    public ServiceDatabase database(String name) {
        return databases.computeIfAbsent(name, n -> postgres.provision(n, freshDatabases));
    }

    /** Quarkus configuration that connects {@code service} to this infrastructure. */
    public Map<String, String> configFor(FleetService service) {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        service.database().ifPresent(name -> config.putAll(database(name).quarkusConfig()));
        if (service.storesFiles()) {
            config.putAll(objectStore().quarkusConfig());
        }
        if (service.sendsMail()) {
            config.put("quarkus.mailer.host", smtp.host());
            config.put("quarkus.mailer.port", Integer.toString(smtp.port()));
            config.put("quarkus.mailer.tls", "false");
            config.put("quarkus.mailer.start-tls", "DISABLED");
            config.put("quarkus.mailer.mock", "false");
        }
        return config;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (objectStore != null) {
                closeQuietly(objectStore);
            }
        }
        closeQuietly(smtp);
        closeQuietly(kafka);
        closeQuietly(postgres);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("could not stop " + resource.getClass().getSimpleName() + ": " + e);
        }
    }
}
