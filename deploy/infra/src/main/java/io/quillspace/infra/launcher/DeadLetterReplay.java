package io.quillspace.infra.launcher;

import io.quillspace.shared.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * {@code ./quillspace dlq <topic>.dlq [--replay]}: lists what a consumer dead-lettered, or sends it back to the topic
 * it came from once the cause is fixed. A replayed record keeps its key, value and event headers, loses the
 * {@code dead-letter-*} ones and gains {@link #REPLAYED_FROM}; consumers deduplicate on natural keys, so a record that
 * had in fact been processed is not processed twice. Progress is the committed offset of consumer group
 * {@link #GROUP}: each dead letter is replayed once, and listing shows only those not replayed yet.
 */
public final class DeadLetterReplay {

    static final String GROUP = "quillspace-dead-letter-replay";
    /**
     * Names a Kafka client properties file (as kafka-console-consumer's {@code --command-config}) with what the broker
     * asks of the {@code dlq-replay} KafkaUser: {@code security.protocol}, {@code sasl.mechanism},
     * {@code sasl.jaas.config}, the truststore.
     */
    static final String CLIENT_CONFIG_ENV = "QUILLSPACE_KAFKA_CLIENT_CONFIG";
    static final String REPLAYED_FROM = "quillspace-replayed-from";
    private static final String DEAD_LETTER_HEADER_PREFIX = "dead-letter-";
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    /** One dead letter not replayed before this run. */
    public record DeadLetter(int partition, long offset, String key, String reason) {
    }

    private DeadLetterReplay() {
    }

    /**
     * The dead letters of {@code deadLetterTopic} not replayed yet; with {@code replay}, also sent back (acks=all)
     * and marked replayed. The topic must be the dead-letter topic of one of {@link Topics#ALL}.
     */
    public static List<DeadLetter> run(String bootstrapServers, String deadLetterTopic, boolean replay) {
        return run(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), deadLetterTopic, replay);
    }

    /** As above, with {@code client} (bootstrap servers and whatever the broker asks to authenticate) for both clients. */
    public static List<DeadLetter> run(Map<String, Object> client, String deadLetterTopic, boolean replay) {
        String origin = originOf(deadLetterTopic);
        Map<String, Object> consumerConfig = new HashMap<>(client);
        consumerConfig.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        Map<String, Object> producerConfig = new HashMap<>(client);
        producerConfig.putAll(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        try (var consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             var producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, KAFKA_TIMEOUT).stream()
                    .map(info -> new TopicPartition(deadLetterTopic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            // Only what is there now: a consumer dead-lettering meanwhile must not keep this run going.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            List<DeadLetter> found = new ArrayList<>();
            List<Future<?>> sent = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, KAFKA_TIMEOUT) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    found.add(new DeadLetter(record.partition(), record.offset(), text(record.key()),
                            text(record.headers().lastHeader(DEAD_LETTER_HEADER_PREFIX + "reason"))));
                    if (replay) {
                        sent.add(producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(),
                                replayedHeaders(record))));
                    }
                }
            }
            if (replay) {
                awaitAll(sent);
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                end.forEach((partition, offset) -> done.put(partition, new OffsetAndMetadata(offset)));
                consumer.commitSync(done, KAFKA_TIMEOUT);
            }
            return found;
        }
    }

    /** {@code ./quillspace dlq <topic>.dlq [--replay]} against the local fleet's broker or the configured one. */
    static void runFromCommandLine(String bootstrapServers, List<String> args) {
        if (args.isEmpty() || !deadLetterTopics().contains(args.get(0))) {
            System.err.println("usage: quillspace dlq <" + String.join("|", deadLetterTopics()) + "> [--replay]");
            System.exit(2);
        }
        boolean replay = args.contains("--replay");
        String clientConfig = System.getenv(CLIENT_CONFIG_ENV);
        List<DeadLetter> deadLetters = run(clientConfig(bootstrapServers, clientConfig == null ? null : Path.of(clientConfig)),
                args.get(0), replay);
        for (DeadLetter deadLetter : deadLetters) {
            System.out.printf("%d/%d key=%s reason=%s%n", deadLetter.partition(), deadLetter.offset(), deadLetter.key(),
                    deadLetter.reason());
        }
        System.out.printf("%d dead letter(s) %s%n", deadLetters.size(),
                replay ? "replayed to " + originOf(args.get(0)) : "not replayed yet (add --replay to send them back)");
    }

    /** The bootstrap servers with the properties of {@code file} (none if null) over them. */
    static Map<String, Object> clientConfig(String bootstrapServers, Path file) {
        Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        if (file != null) {
            Properties properties = new Properties();
            try (var reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Kafka client configuration " + file, e);
            }
            properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        }
        return config;
    }

    private static String originOf(String deadLetterTopic) {
        return originTopics().stream()
                .filter(topic -> Topics.deadLetter(topic).equals(deadLetterTopic))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        deadLetterTopic + " is not a dead-letter topic of the fleet: " + deadLetterTopics()));
    }

    /** The fleet's topics that have a dead-letter topic. */
    private static List<String> originTopics() {
        List<String> names = Topics.ALL.stream().map(Topics.Spec::name).toList();
        return names.stream().filter(topic -> names.contains(Topics.deadLetter(topic))).toList();
    }

    private static List<String> deadLetterTopics() {
        return originTopics().stream().map(Topics::deadLetter).toList();
    }

    private static RecordHeaders replayedHeaders(ConsumerRecord<byte[], byte[]> record) {
        var headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        String from = record.topic() + "/" + record.partition() + "/" + record.offset();
        headers.add(REPLAYED_FROM, from.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static void awaitAll(List<Future<?>> sent) {
        try {
            for (Future<?> send : sent) {
                send.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            // Nothing is committed: the next run replays this batch again, and consumers deduplicate.
            throw new IllegalStateException("the broker did not acknowledge a replayed record", e.getCause());
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String text(Header header) {
        return header == null ? null : text(header.value());
    }
}
