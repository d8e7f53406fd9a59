package io.quillspace.email.sequence;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.RecordProcessor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes brief and proposal events: a sent proposal becomes the email that announces it; the others are deliberately
 * ignored (and counted as such). Same consumer rule as every channel (see {@link RecordProcessor}); a sent proposal
 * whose booking has not arrived is applied by keeping it to wait (see {@link ProposalEventApplier}), so its record is
 * acknowledged and the partition moves on.
 */
@ApplicationScoped
public class ProposalEventConsumer {

    private final ProposalEventApplier applier;
    private final RecordProcessor<ProposalEventV1> processor;

    public ProposalEventConsumer(ProposalEventApplier applier, MeterRegistry registry, Tracer tracer) {
        this.applier = applier;
        this.processor = new RecordProcessor<>(Topics.PROPOSAL_EVENTS, ProposalEventV1::decode,
                event -> event.type() + " event " + event.eventId() + " of booking " + event.bookingId(),
                ConsumerFailures.FAILURES, registry, tracer);
    }

    @Incoming(Topics.PROPOSAL_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, event -> applier.apply(event, record));
    }
}
