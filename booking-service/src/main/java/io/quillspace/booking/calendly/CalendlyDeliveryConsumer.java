package io.quillspace.booking.calendly;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.DeadLetterTopic;
import io.quillspace.shared.messaging.RecordProcessor;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes verified Calendly deliveries in batches (one poll each), applied one tenant's share per transaction. A batch
 * is acknowledged only once every delivery's change (or the decision that it is a duplicate or stale) is committed; a
 * transient failure is retried, a record that cannot be read or applied goes to {@code calendly-webhooks.v1.dlq} with
 * the reason (see {@link RecordProcessor}). Values arrive as bytes so that a poison record reaches the dead-letter
 * topic intact instead of stalling the consumer in the deserializer.
 */
@ApplicationScoped
public class CalendlyDeliveryConsumer {

    /** The outgoing channel of the dead-letter topic; channel and topic share the name. */
    static final String DEAD_LETTERS = "calendly-webhooks.v1.dlq";

    private final BookingService bookings;
    private final RecordProcessor<CalendlyDeliveryV1> processor;
    private final DeadLetterTopic deadLetters;

    public CalendlyDeliveryConsumer(BookingService bookings, MeterRegistry registry, Tracer tracer,
                                    @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters) {
        this.bookings = bookings;
        this.processor = new RecordProcessor<>(Topics.CALENDLY_WEBHOOKS, CalendlyDeliveryV1::decode,
                delivery -> delivery.event() + " delivery " + delivery.deliveryId(), BookingService.FAILURES, registry, tracer);
        this.deadLetters = new DeadLetterTopic(deadLetters);
    }

    @Incoming(Topics.CALENDLY_WEBHOOKS)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return processor.processBatch(records, bookings::applyShare, deadLetters);
    }
}
