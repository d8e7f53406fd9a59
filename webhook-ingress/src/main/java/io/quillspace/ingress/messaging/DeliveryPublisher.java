package io.quillspace.ingress.messaging;

import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.TraceContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes verified (and reconciled) deliveries to {@link Topics#CALENDLY_WEBHOOKS}, each the record its contract
 * wrote ({@code CalendlyDeliveryV1.record}). The returned Uni completes, on the caller's event loop, once the broker
 * acknowledged the record (acks=all), and fails at once if the producer cannot take it without blocking (see
 * {@link DeliveryProducerFactory}).
 */
@ApplicationScoped
public class DeliveryPublisher {

    private final Producer<String, byte[]> producer;

    public DeliveryPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public Uni<Void> publish(ProducerRecord<String, byte[]> record) {
        // The consumer's trace continues this request's (W3C traceparent), as the messaging connector would do.
        TraceContext.inject(record.headers());
        io.vertx.core.Context requestContext = Vertx.currentContext();
        return Uni.createFrom().emitter(acknowledged -> producer.send(record, (metadata, failure) -> {
            if (requestContext == null) {
                settle(acknowledged, failure);
            } else {
                // The callback runs on the producer's one I/O thread, which sends every batch: the answer, its log
                // line and its metrics go back to the request's event loop instead of queueing ahead of the next send.
                requestContext.runOnContext(ignored -> settle(acknowledged, failure));
            }
        }));
    }

    private static void settle(UniEmitter<? super Void> acknowledged, Exception failure) {
        if (failure == null) {
            acknowledged.complete(null);
        } else {
            acknowledged.fail(failure);
        }
    }

}
