package io.quillspace.shared.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * A channel's dead-letter topic written by the consumer itself, for batch mode: the connector can only dead-letter a
 * whole batch. The record leaves as the connector's {@code dead-letter-queue} strategy would write it (same key, value
 * and headers, plus its {@link KafkaDeadLetterQueue} headers), so the dead-letter tooling reads both alike.
 * The emitter's outgoing channel names the topic ({@code <topic>.dlq}) and serializes keys as strings, values as bytes.
 */
public final class DeadLetterTopic {

    private final MutinyEmitter<byte[]> emitter;

    public DeadLetterTopic(MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes once the broker has the record. */
    public Uni<Void> send(ConsumerRecord<?, byte[]> record, Throwable failure) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        add(headers, KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME, failure.getClass().getName());
        add(headers, KafkaDeadLetterQueue.DEAD_LETTER_REASON, failure.getMessage());
        if (failure.getCause() != null) {
            add(headers, KafkaDeadLetterQueue.DEAD_LETTER_CAUSE_CLASS_NAME, failure.getCause().getClass().getName());
            add(headers, KafkaDeadLetterQueue.DEAD_LETTER_CAUSE, failure.getCause().getMessage());
        }
        add(headers, KafkaDeadLetterQueue.DEAD_LETTER_TOPIC, record.topic());
        add(headers, KafkaDeadLetterQueue.DEAD_LETTER_PARTITION, Integer.toString(record.partition()));
        add(headers, KafkaDeadLetterQueue.DEAD_LETTER_OFFSET, Long.toString(record.offset()));
        OutgoingKafkaRecordMetadata<Object> metadata = OutgoingKafkaRecordMetadata.builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(record.value()).addMetadata(metadata));
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
