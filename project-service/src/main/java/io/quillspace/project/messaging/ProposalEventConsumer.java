package io.quillspace.project.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quillspace.project.service.ProjectKickoff;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.RecordProcessor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes proposal events: an accepted proposal starts its project. A record is acknowledged only once the project
 * (or the finding that it exists) is committed; a transient failure is retried, a record that cannot be read or applied
 * goes to {@code proposal-events.v1.dlq} with the reason (see {@link RecordProcessor}).
 */
@ApplicationScoped
public class ProposalEventConsumer {

    private final ProjectKickoff kickoff;
    private final RecordProcessor<ProposalEventV1> processor;

    public ProposalEventConsumer(ProjectKickoff kickoff, MeterRegistry registry, Tracer tracer) {
        this.kickoff = kickoff;
        this.processor = new RecordProcessor<>(Topics.PROPOSAL_EVENTS, ProposalEventV1::decode,
                event -> event.type() + " event " + event.eventId() + " of booking " + event.bookingId(),
                ProjectKickoff.FAILURES, registry, tracer);
    }

    @Incoming(Topics.PROPOSAL_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, kickoff::apply);
    }
}
