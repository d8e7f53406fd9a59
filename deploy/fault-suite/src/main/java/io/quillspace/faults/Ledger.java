package io.quillspace.faults;

import io.quillspace.infra.Infrastructure;
import io.quillspace.shared.events.Topics;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * What really happened, read back through clients independent of the services: SQL as the PostgreSQL superuser, a
 * plain Kafka consumer and admin client, and the SMTP server's own inbox.
 */
public final class Ledger {

    /** The databases of the fleet's services. */
    public static final List<String> DATABASES = List.of("booking", "email", "project");

    private final Infrastructure infrastructure;

    Ledger(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** Rows of a query on a service's database, as the superuser (RLS does not apply), each row as strings. */
    public List<List<String>> sql(String database, String query, Object... parameters) {
        String url = infrastructure.postgres().adminUrlFor(infrastructure.database(database).name());
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getString(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query + " on " + database + " failed", e);
        }
    }

    public long count(String database, String query, Object... parameters) {
        return Long.parseLong(sql(database, query, parameters).get(0).get(0));
    }

    /** Every table of every service database with its exact row count (flyway's history aside), one query per database. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String database : DATABASES) {
            for (List<String> row : sql(database, """
                    select tablename, (xpath('/row/c/text()',
                           query_to_xml(format('select count(*) as c from %I', tablename), false, true, '')))[1]::text
                    from pg_tables where schemaname = 'public' and tablename <> 'flyway_schema_history'""")) {
                counts.put(database + "." + row.get(0), Long.parseLong(row.get(1)));
            }
        }
        return counts;
    }

    /** Records on every topic and dead-letter topic: end offset minus start offset (no transactions write them). */
    public Map<String, Long> topicCounts() {
        try (Admin admin = infrastructure.kafka().admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (Topics.Spec topic : Topics.ALL) {
                for (int p = 0; p < topic.partitions(); p++) {
                    latest.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
                    earliest.put(new TopicPartition(topic.name(), p), OffsetSpec.earliest());
                }
            }
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            Map<String, Long> counts = new TreeMap<>();
            ends.forEach((partition, end) -> counts.merge(partition.topic(),
                    end.offset() - starts.get(partition).offset(), Long::sum));
            return counts;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the topics' offsets", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Records on each dead-letter topic. */
    public Map<String, Long> deadLetterCounts() {
        Map<String, Long> dead = new TreeMap<>(topicCounts());
        dead.keySet().removeIf(topic -> !topic.endsWith(Topics.deadLetter("")));
        return dead;
    }

    /** Every record on {@code topic}, from the start to the current end of each partition. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * Records not yet consumed, summed over every consumer group of the fleet and every partition it reads. A partition
     * assigned to a group that never committed on it (a fresh fleet's first records) counts from its start.
     */
    public long lag() {
        try (Admin admin = infrastructure.kafka().admin()) {
            long lag = 0;
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
                var committed = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
                admin.describeConsumerGroups(List.of(group.groupId())).all().get(30, TimeUnit.SECONDS)
                        .get(group.groupId()).members()
                        .forEach(member -> partitions.addAll(member.assignment().topicPartitions()));
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                partitions.forEach(partition -> {
                    latest.put(partition, OffsetSpec.latest());
                    earliest.put(partition, OffsetSpec.earliest());
                });
                var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                var starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata position = committed.get(partition);
                    long from = position != null ? position.offset() : starts.get(partition).offset();
                    lag += ends.get(partition).offset() - from;
                }
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the consumer groups' lag", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Events still waiting in the services' outboxes. */
    public long outboxBacklog() {
        return count("booking", "select count(*) from outbox_events") + count("project", "select count(*) from outbox_events");
    }

    /** Messages the SMTP server received, grouped by their Message-ID header. */
    public Map<String, List<MimeMessage>> messagesById() {
        Map<String, List<MimeMessage>> byId = new TreeMap<>();
        for (MimeMessage message : infrastructure.smtp().receivedMessages()) {
            byId.computeIfAbsent(header(message, "Message-ID"), id -> new ArrayList<>()).add(message);
        }
        return byId;
    }

    public int messageCount() {
        return infrastructure.smtp().receivedMessages().size();
    }

    /** Messages whose first recipient satisfies {@code recipient}, grouped by Message-ID. */
    public Map<String, List<MimeMessage>> messagesById(Function<String, Boolean> recipient) {
        Map<String, List<MimeMessage>> byId = new TreeMap<>();
        messagesById().forEach((id, messages) -> messages.stream()
                .filter(message -> recipient.apply(to(message)))
                .forEach(message -> byId.computeIfAbsent(id, key -> new ArrayList<>()).add(message)));
        return byId;
    }

    public static String to(MimeMessage message) {
        try {
            var recipients = message.getAllRecipients();
            return recipients == null || recipients.length == 0 ? "" : recipients[0].toString();
        } catch (MessagingException e) {
            return "";
        }
    }

    public static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, null);
            return value == null ? "" : value;
        } catch (MessagingException e) {
            return "";
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }

    /** Row counts, topic counts and SMTP messages at one moment: what a hostile request must leave unchanged. */
    public record Snapshot(Map<String, Long> rows, Map<String, Long> topics, int messages) {
        /** What differs in {@code later}, e.g. {@code booking.users +1}; empty when nothing changed. */
        public List<String> changesTo(Snapshot later) {
            List<String> changes = new ArrayList<>();
            later.rows.forEach((table, count) -> {
                long before = rows.getOrDefault(table, 0L);
                if (count != before) {
                    changes.add(table + " " + (count - before > 0 ? "+" : "") + (count - before));
                }
            });
            later.topics.forEach((topic, count) -> {
                long before = topics.getOrDefault(topic, 0L);
                if (count != before) {
                    changes.add(topic + " +" + (count - before));
                }
            });
            if (later.messages != messages) {
                changes.add("smtp +" + (later.messages - messages));
            }
            return changes;
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(rowCounts(), topicCounts(), messageCount());
    }
}
