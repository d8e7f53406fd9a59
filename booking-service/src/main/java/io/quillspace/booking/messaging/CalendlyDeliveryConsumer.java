package io.quillspace.booking.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quillspace.booking.service.BookingService;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.RecordProcessor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes verified Calendly deliveries. A record is acknowledged only once its change (or the decision that it is a
 * duplicate or stale) is committed; a transient failure is retried, a record that cannot be read or applied goes to
 * {@code calendly-webhooks.v1.dlq} with the reason (see {@link RecordProcessor}). Values arrive as bytes so that a
 * poison record reaches the dead-letter topic intact instead of stalling the consumer in the deserializer.
 */
@ApplicationScoped
public class CalendlyDeliveryConsumer {

    private final BookingService bookings;
    private final RecordProcessor<CalendlyDeliveryV1> processor;

    public CalendlyDeliveryConsumer(BookingService bookings, MeterRegistry registry, Tracer tracer) {
        this.bookings = bookings;
        this.processor = new RecordProcessor<>(Topics.CALENDLY_WEBHOOKS, CalendlyDeliveryV1::decode,
                delivery -> delivery.event() + " delivery " + delivery.deliveryId(), BookingService.FAILURES, registry, tracer);
    }

    @Incoming(Topics.CALENDLY_WEBHOOKS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, bookings::apply);
    }
}
