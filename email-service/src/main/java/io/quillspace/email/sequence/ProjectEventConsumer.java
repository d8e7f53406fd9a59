package io.quillspace.email.sequence;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quillspace.shared.events.ProjectEventV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.RecordProcessor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes project events into kickoff emails, under the fleet's consumer rule (see {@link RecordProcessor}): a record
 * is acknowledged once its job is committed, a poison record goes to {@code project-events.v1.dlq} with the reason.
 */
@ApplicationScoped
public class ProjectEventConsumer {

    private final ProjectEventApplier applier;
    private final RecordProcessor<ProjectEventV1> processor;

    public ProjectEventConsumer(ProjectEventApplier applier, MeterRegistry registry, Tracer tracer) {
        this.applier = applier;
        this.processor = new RecordProcessor<>(Topics.PROJECT_EVENTS, ProjectEventV1::decode,
                event -> event.type() + " event " + event.eventId() + " of project " + event.projectId(),
                ConsumerFailures.FAILURES, registry, tracer);
    }

    @Incoming(Topics.PROJECT_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, applier::apply);
    }
}
