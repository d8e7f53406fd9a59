package io.quillspace.email.sequence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quillspace.email.entity.WaitingProposal;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.UnprocessableEventException;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * Writes a proposal that waited in vain to {@code proposal-events.v1.dlq} as the connector's dead-letter strategy
 * would have written its record: the original key, value and headers plus the {@code dead-letter-*} headers, so the
 * replay tool treats it like any other dead letter. It counts in the consumer's {@code dead_lettered} outcome.
 */
@ApplicationScoped
public class ProposalDeadLetters {

    static final String CHANNEL = "proposal-events.v1.dlq";

    private final MutinyEmitter<byte[]> emitter;
    private final Counter deadLettered;

    public ProposalDeadLetters(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        // The same series as RecordProcessor's count for this channel: one alert covers both ways in.
        this.deadLettered = Counter.builder("quillspace.consumer.records")
                .description("Records consumed, by what the consumer did with them")
                .tag("channel", Topics.PROPOSAL_EVENTS)
                .tag("outcome", "dead_lettered")
                .register(registry);
    }

    /** Completes once the broker has the record; resumes on the caller's context (its database session). */
    Uni<Void> send(WaitingProposal proposal, String reason) {
        RecordHeaders headers = new RecordHeaders();
        proposal.recordHeaders.all().forEach(header -> headers.add(header.name(), header.value()));
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-exception-class-name", bytes(UnprocessableEventException.class.getName()));
        headers.add("dead-letter-topic", bytes(Topics.PROPOSAL_EVENTS));
        headers.add("dead-letter-partition", bytes(Integer.toString(proposal.sourcePartition)));
        headers.add("dead-letter-offset", bytes(Long.toString(proposal.sourceOffset)));
        Message<byte[]> message = Message.of(proposal.recordValue).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(proposal.recordKey)
                .withHeaders(headers)
                .build());
        return TenantTransactions.resumeOnCallerContext(emitter.sendMessage(message)).invoke(() -> deadLettered.increment());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
