package io.quillspace.infra;

import io.quillspace.shared.events.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode, running in this JVM, or an external one named by
 * {@code QUILLSPACE_KAFKA_BOOTSTRAP_SERVERS}. Either way the fleet's topics are created explicitly.
 * An embedded broker can be stopped and started again on the same port and log directory, to test outages.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final String EXTERNAL_ENV = "QUILLSPACE_KAFKA_BOOTSTRAP_SERVERS";

    private final String bootstrapServers;
    private final Properties brokerConfig;
    private KafkaRaftServer server;

    private KafkaBroker(String bootstrapServers, Properties brokerConfig) {
        this.bootstrapServers = bootstrapServers;
        this.brokerConfig = brokerConfig;
    }

    /** Starts an embedded broker on {@code port} (0 picks a free one) unless an external one is configured. */
    public static KafkaBroker start(int port) {
        String external = System.getenv(EXTERNAL_ENV);
        KafkaBroker broker;
        if (external != null && !external.isBlank()) {
            broker = new KafkaBroker(external, null);
        } else {
            broker = embedded(Ports.freeIfZero(port));
            broker.startEmbedded();
        }
        broker.awaitReady(Duration.ofSeconds(60));
        broker.createTopics(Topics.ALL);
        return broker;
    }

    private static KafkaBroker embedded(int port) {
        int controllerPort = Ports.freeIfZero(0);
        Path logDir;
        try {
            logDir = Files.createTempDirectory("quillspace-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        config.put("auto.create.topics.enable", "false");
        // A single node cannot replicate: internal topics get one replica and one in-sync replica.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        formatStorage(config, logDir);
        return new KafkaBroker("127.0.0.1:" + port, config);
    }

    private static void formatStorage(Properties config, Path logDir) {
        try {
            Path file = logDir.resolveSibling(logDir.getFileName() + ".properties");
            try (var out = Files.newOutputStream(file)) {
                config.store(out, "QuillSpace embedded broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                            "-c", file.toString()},
                    new PrintStream(output, true));
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startEmbedded() {
        server = new KafkaRaftServer(new KafkaConfig(brokerConfig, false), Time.SYSTEM);
        server.startup();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Where an embedded broker keeps its data until {@link #close()}; empty for an external broker. */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(brokerConfig).map(config -> Path.of(config.getProperty("log.dirs")));
    }

    public boolean isEmbedded() {
        return brokerConfig != null;
    }

    /** Stops an embedded broker, keeping its data, as an outage would. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Restarts an embedded broker after {@link #stop()} on the same port and data. */
    public synchronized void restart() {
        if (!isEmbedded()) {
            throw new IllegalStateException("an external broker is not ours to restart");
        }
        if (server == null) {
            startEmbedded();
            awaitReady(Duration.ofSeconds(60));
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka at " + bootstrapServers + " not ready", e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void createTopics(List<Topics.Spec> topics) {
        try (Admin admin = admin()) {
            for (Topics.Spec topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.config())))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name(), e);
                    }
                }
            }
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops an embedded broker and deletes its data: every start formats a fresh directory, so none is reused. */
    @Override
    public void close() {
        stop();
        dataDirectory().ifPresent(KafkaBroker::deleteRecursively);
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the embedded broker's data in " + directory, e);
        }
    }
}
