package io.quillspace.shared.privacy;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quillspace.shared.events.ClientEventV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.FailureClassifier;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.messaging.RecordProcessor;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Answers a client's export and erasure requests in every service that configures the incoming channel
 * {@code client-events.v1} and provides its {@link ClientData}: an export request becomes the service's
 * {@code client.export-part} through its outbox, in the transaction that read the data; an erasure request erases the
 * service's copy. Both are idempotent, so a redelivery repeats them harmlessly. Under the fleet's consumer rule (see
 * {@link RecordProcessor}): applied and committed, or retried while transient, or dead-lettered with the reason.
 */
@ApplicationScoped
@IfBuildProperty(name = "mp.messaging.incoming.\"" + Topics.CLIENT_EVENTS + "\".connector", stringValue = "smallrye-kafka")
public class ClientEventConsumer {

    private final ClientData data;
    private final Clock clock;
    private final RecordProcessor<ClientEventV1> processor;

    public ClientEventConsumer(ClientData data, Clock clock, MeterRegistry registry, Tracer tracer) {
        this.data = data;
        this.clock = clock;
        this.processor = new RecordProcessor<>(Topics.CLIENT_EVENTS, ClientEventV1::decode,
                event -> event.type() + " event " + event.eventId() + " of request " + event.requestId(),
                new FailureClassifier(Set.of()), registry, tracer);
    }

    @Incoming(Topics.CLIENT_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, this::answer);
    }

    Uni<RecordOutcome> answer(ClientEventV1 event) {
        if (event instanceof ClientEventV1.ExportPart part) {
            return data.receive(part);
        }
        return TenantTransactions.inTenant(TenantContext.service(event.tenantId()),
                        () -> TenantTransactions.registerTenant(event.tenantId()).chain(() -> act(event)))
                .replaceWith(RecordOutcome.APPLIED);
    }

    private Uni<Void> act(ClientEventV1 event) {
        if (event instanceof ClientEventV1.ErasureRequested) {
            return data.erase(event.userId());
        }
        return data.export(event.userId()).chain(part -> Outbox.append(new ClientEventV1.ExportPart(UUID.randomUUID(),
                event.tenantId(), event.requestId(), event.userId(), data.service(), part, clock.instant())));
    }
}
