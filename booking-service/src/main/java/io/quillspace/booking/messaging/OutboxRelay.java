package io.quillspace.booking.messaging;

import io.quarkus.scheduler.Scheduled;
import io.quillspace.booking.config.BookingConfig;
import io.quillspace.booking.entity.OutboxEvent;
import io.quillspace.booking.repository.OutboxRepository;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Moves committed outbox events to Kafka, oldest first, one tenant at a time with one relay per tenant, and deletes
 * each once the broker acknowledged it (acks=all). A crash or failed send before commit re-sends the batch's
 * acknowledged events: delivery is at least once, and consumers are idempotent.
 */
@ApplicationScoped
public class OutboxRelay {

    private final MutinyEmitter<String> emitter;
    private final OutboxRepository outbox;
    private final BookingConfig config;

    public OutboxRelay(@Channel(Topics.BOOKING_EVENTS) MutinyEmitter<String> emitter, OutboxRepository outbox,
                       BookingConfig config) {
        this.emitter = emitter;
        this.outbox = outbox;
        this.config = config;
    }

    // Not before the application (and its Kafka channels) is up, nor while it shuts down.
    @Scheduled(every = "${quillspace.booking.outbox.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return TenantTransactions.forEachKnownTenant("outbox relay", this::publishPending);
    }

    /** Publishes the tenant's pending events, up to one batch. */
    public Uni<Void> publishPending(UUID tenantId) {
        return TenantTransactions.inTenant(TenantContext.service(tenantId), () -> outbox.tryBecomeRelay(tenantId)
                .chain(relay -> !relay ? Uni.createFrom().voidItem() : outbox.lockOldest(config.outbox().batchSize())
                        .onItem().transformToMulti(events -> Multi.createFrom().iterable(events))
                        .onItem().transformToUniAndConcatenate(event -> send(event).chain(event::delete))
                        .collect().last()
                        .replaceWithVoid()));
    }

    private Uni<Void> send(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.TENANT_ID, bytes(event.tenantId.toString()));
        headers.add(EventHeaders.EVENT_ID, bytes(event.id.toString()));
        headers.add(EventHeaders.EVENT_TYPE, bytes(event.eventType));
        headers.add(EventHeaders.SCHEMA_VERSION, bytes(Integer.toString(BookingEventV1.SCHEMA_VERSION)));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic).withKey(event.recordKey).withHeaders(headers).build();
        return TenantTransactions.resumeOnCallerContext(
                emitter.sendMessage(Message.of(event.payload).addMetadata(metadata)));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
