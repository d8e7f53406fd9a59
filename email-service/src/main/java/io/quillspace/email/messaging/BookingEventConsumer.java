package io.quillspace.email.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quillspace.email.service.EmailJobService;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.ConsumerRetries;
import io.quillspace.shared.messaging.UnprocessableEventException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * Consumes booking events and schedules their emails. Acknowledged after the job is committed; transient failures are
 * retried (see {@link ConsumerRetries}), a record that cannot be read goes to {@code booking-events.v1.dlq} with the reason. Values arrive as bytes
 * so that a poison record reaches the dead-letter topic intact instead of stalling the consumer in the deserializer.
 */
@ApplicationScoped
public class BookingEventConsumer {

    private static final Logger LOG = Logger.getLogger(BookingEventConsumer.class);

    private final EmailJobService jobs;
    private final ObjectMapper objectMapper;

    public BookingEventConsumer(EmailJobService jobs, ObjectMapper objectMapper) {
        this.jobs = jobs;
        this.objectMapper = objectMapper;
    }

    @Incoming(Topics.BOOKING_EVENTS)
    public Uni<Void> consume(byte[] value) {
        BookingEventV1 event;
        try {
            event = objectMapper.readValue(value, BookingEventV1.class);
        } catch (IOException e) {
            return Uni.createFrom().failure(new UnprocessableEventException("not a BookingEventV1: " + e.getMessage(), e));
        }
        return ConsumerRetries.retryTransient(() -> jobs.schedule(event)
                        .onFailure().invoke(e -> LOG.warnf("booking event %s failed: %s", event.eventId(), e.toString())),
                UnprocessableEventException.class::isInstance);
    }
}
