package io.quillspace.email.sequence;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quillspace.shared.events.BookingEventV1;
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
 * Consumes booking events into email jobs in batches (one poll each), applied one tenant's share per transaction. A
 * batch is acknowledged only once every event's jobs (or the decision that it is a duplicate) are committed; a
 * transient failure is retried, a record that cannot be read or applied goes to {@code booking-events.v1.dlq} with the
 * reason (see {@link RecordProcessor}). Values arrive as bytes so that a poison record reaches the dead-letter topic
 * intact instead of stalling the consumer in the deserializer.
 */
@ApplicationScoped
public class BookingEventConsumer {

    /** The outgoing channel of the dead-letter topic; channel and topic share the name. */
    static final String DEAD_LETTERS = "booking-events.v1.dlq";

    private final BookingEventApplier applier;
    private final RecordProcessor<BookingEventV1> processor;
    private final DeadLetterTopic deadLetters;

    public BookingEventConsumer(BookingEventApplier applier, MeterRegistry registry, Tracer tracer,
                                @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters) {
        this.applier = applier;
        this.processor = new RecordProcessor<>(Topics.BOOKING_EVENTS, BookingEventV1::decode,
                event -> event.type() + " event " + event.eventId() + " of booking " + event.bookingId(),
                ConsumerFailures.FAILURES, registry, tracer);
        this.deadLetters = new DeadLetterTopic(deadLetters);
    }

    @Incoming(Topics.BOOKING_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        return processor.processBatch(records, applier::applyShare, deadLetters);
    }
}
