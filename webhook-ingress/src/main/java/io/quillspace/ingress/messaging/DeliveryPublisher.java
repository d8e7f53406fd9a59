package io.quillspace.ingress.messaging;

import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.messaging.TraceContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * Publishes verified (and reconciled) deliveries to {@link Topics#CALENDLY_WEBHOOKS}. The returned Uni completes, on the caller's
 * event loop, once the broker acknowledged the record (acks=all), and fails at once if the producer cannot take it
 * without blocking (see {@link DeliveryProducerFactory}).
 */
@ApplicationScoped
public class DeliveryPublisher {

    private final Producer<String, byte[]> producer;

    public DeliveryPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public Uni<Void> publish(DeliveryRecord delivery) {
        var record = new ProducerRecord<>(Topics.CALENDLY_WEBHOOKS, delivery.key(), encode(delivery));
        Headers headers = record.headers();
        headers.add(EventHeaders.TENANT_ID, bytes(delivery.tenantId().toString()));
        headers.add(EventHeaders.EVENT_ID, bytes(delivery.deliveryId().toString()));
        headers.add(EventHeaders.EVENT_TYPE, bytes(delivery.event()));
        headers.add(EventHeaders.SOURCE, bytes(delivery.source().name()));
        headers.add(EventHeaders.SCHEMA_VERSION, bytes(Integer.toString(CalendlyDeliveryV1.SCHEMA_VERSION)));
        // The consumer's trace continues this request's (W3C traceparent), as the messaging connector would do.
        TraceContext.inject(headers);
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

    private static byte[] encode(DeliveryRecord delivery) {
        return CalendlyDeliveryV1.encode(delivery.deliveryId(), delivery.tenantId(), delivery.event(),
                delivery.payloadUpdatedAt(), delivery.receivedAt(), delivery.source(), delivery.body(), delivery.payloadOffset(),
                delivery.payloadLength());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
