package io.quillspace.email.sequence;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.RecordProcessor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes booking events into email jobs. A record is acknowledged only once its jobs are committed; a transient
 * failure is retried, a record that cannot be read or applied goes to {@code booking-events.v1.dlq} with the reason
 * (see {@link RecordProcessor}). Values arrive as bytes so that a poison record reaches the dead-letter topic intact
 * instead of stalling the consumer in the deserializer.
 */
@ApplicationScoped
public class BookingEventConsumer {

    private final BookingEventApplier applier;
    private final RecordProcessor<BookingEventV1> processor;

    public BookingEventConsumer(BookingEventApplier applier, MeterRegistry registry, Tracer tracer) {
        this.applier = applier;
        this.processor = new RecordProcessor<>(Topics.BOOKING_EVENTS, BookingEventV1::decode,
                event -> event.type() + " event " + event.eventId() + " of booking " + event.bookingId(),
                ConsumerFailures.FAILURES, registry, tracer);
    }

    @Incoming(Topics.BOOKING_EVENTS)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, applier::apply);
    }
}
