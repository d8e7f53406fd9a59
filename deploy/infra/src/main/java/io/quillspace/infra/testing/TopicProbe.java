package io.quillspace.infra.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads what arrives on a topic after the probe was opened, without joining a consumer group, so tests see exactly
 * the records their own actions produced.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    /** Records read but not yet returned by {@link #await}. */
    private final List<ConsumerRecord<String, byte[]>> unmatched = new ArrayList<>();

    private TopicProbe(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Opens at the current end of every partition of {@code topic}. */
    public static TopicProbe atEnd(String bootstrapServers, String topic) {
        return open(bootstrapServers, topic, true);
    }

    /** Opens at the start of every partition of {@code topic}, to read what is already there. */
    public static TopicProbe atStart(String bootstrapServers, String topic) {
        return open(bootstrapServers, topic, false);
    }

    private static TopicProbe open(String bootstrapServers, String topic, boolean atEnd) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        if (atEnd) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
        partitions.forEach(consumer::position);
        return new TopicProbe(consumer);
    }

    /**
     * The first record not returned before that matches, polling until {@code timeout}; every record read is kept
     * for {@link #seen()}.
     */
    public ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (var iterator = unmatched.iterator(); iterator.hasNext(); ) {
                var record = iterator.next();
                if (match.test(record)) {
                    iterator.remove();
                    return record;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching record within " + timeout + "; saw " + seen.size() + " other(s)");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                seen.add(record);
                unmatched.add(record);
            }
        }
    }

    /** Polls for {@code period} and returns every record that arrived. */
    public List<ConsumerRecord<String, byte[]>> drain(Duration period) {
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                seen.add(record);
                unmatched.add(record);
            }
        }
        return List.copyOf(seen);
    }

    public List<ConsumerRecord<String, byte[]>> seen() {
        return List.copyOf(seen);
    }

    /** The string value of a header, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
