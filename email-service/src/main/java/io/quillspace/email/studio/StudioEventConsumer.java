package io.quillspace.email.studio;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quillspace.shared.events.StudioEventV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.FailureClassifier;
import io.quillspace.shared.messaging.RecordProcessor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/**
 * Consumes studio events into the studios' projection, under the fleet's consumer rule (see {@link RecordProcessor}):
 * a record is acknowledged once its upsert is committed, a poison record goes to {@code studio-events.v1.dlq} with the
 * reason. The upsert cannot hit a key a concurrent duplicate wrote, so no constraint means "already applied".
 */
@ApplicationScoped
public class StudioEventConsumer {

    private final StudioEventApplier applier;
    private final RecordProcessor<StudioEventV1> processor;

    public StudioEventConsumer(StudioEventApplier applier, MeterRegistry registry, Tracer tracer) {
        this.applier = applier;
        this.processor = new RecordProcessor<>(Topics.STUDIO_EVENTS, StudioEventV1::decode,
                event -> event.type() + " event " + event.eventId() + " of studio " + event.studioId(),
                new FailureClassifier(Set.of()), registry, tracer);
    }

    @Incoming(Topics.STUDIO_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, applier::apply);
    }
}
