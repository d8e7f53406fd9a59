package io.quillspace.booking.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quillspace.booking.service.BookingService;
import io.quillspace.shared.messaging.ConsumerRetries;
import io.quillspace.shared.messaging.UnprocessableEventException;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * Consumes verified Calendly deliveries. The record is acknowledged only after the booking and its outbox event are
 * committed; transient failures are retried (see {@link ConsumerRetries}), a record that cannot be read or applied goes to
 * {@code calendly-webhooks.v1.dlq} with the reason. Values arrive as bytes so that a poison record reaches the
 * dead-letter topic intact instead of stalling the consumer in the deserializer.
 */
@ApplicationScoped
public class CalendlyDeliveryConsumer {

    private static final Logger LOG = Logger.getLogger(CalendlyDeliveryConsumer.class);

    private final BookingService bookings;
    private final OutboxRelay relay;
    private final ObjectMapper objectMapper;

    public CalendlyDeliveryConsumer(BookingService bookings, OutboxRelay relay, ObjectMapper objectMapper) {
        this.bookings = bookings;
        this.relay = relay;
        this.objectMapper = objectMapper;
    }

    @Incoming(Topics.CALENDLY_WEBHOOKS)
    public Uni<Void> consume(byte[] value) {
        CalendlyDeliveryV1 delivery;
        try {
            delivery = objectMapper.readValue(value, CalendlyDeliveryV1.class);
        } catch (IOException e) {
            return Uni.createFrom().failure(new UnprocessableEventException("not a CalendlyDeliveryV1: " + e.getMessage(), e));
        }
        return ConsumerRetries.retryTransient(() -> bookings.apply(delivery)
                                .onFailure().invoke(e -> LOG.warnf("delivery %s failed: %s", delivery.deliveryId(), e.toString())),
                        UnprocessableEventException.class::isInstance)
                // Publish at once rather than at the next sweep; the sweep covers a failure here.
                .call(() -> relay.publishPending(delivery.tenantId()).onFailure().recoverWithNull());
    }
}
