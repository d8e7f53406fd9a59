package io.quillspace.email.sequence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quillspace.email.entity.WaitingProposal;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.DeadLetterTopic;
import io.quillspace.shared.messaging.UnprocessableEventException;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.Optional;

/**
 * Writes a proposal that waited in vain to {@code proposal-events.v1.dlq} through {@link DeadLetterTopic}, as its
 * record arrived (key, value, headers, partition and offset) with the reason, so the replay tool treats it like any
 * other dead letter. It counts in the consumer's {@code dead_lettered} outcome.
 */
@ApplicationScoped
public class ProposalDeadLetters {

    static final String CHANNEL = "proposal-events.v1.dlq";

    private final DeadLetterTopic deadLetters;
    private final Counter deadLettered;

    public ProposalDeadLetters(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, MeterRegistry registry) {
        this.deadLetters = new DeadLetterTopic(emitter);
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
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.PROPOSAL_EVENTS, proposal.sourcePartition,
                proposal.sourceOffset, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, proposal.recordKey, proposal.recordValue, headers,
                Optional.empty());
        return TenantTransactions.resumeOnCallerContext(deadLetters.send(record, new UnprocessableEventException(reason)))
                .invoke(() -> deadLettered.increment());
    }
}
