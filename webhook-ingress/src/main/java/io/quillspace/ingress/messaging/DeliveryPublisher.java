package io.quillspace.ingress.messaging;

import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;

/** Publishes verified deliveries; the returned Uni completes once the broker acknowledged (acks=all). */
@ApplicationScoped
public class DeliveryPublisher {

    private final MutinyEmitter<CalendlyDeliveryV1> emitter;

    public DeliveryPublisher(@Channel(Topics.CALENDLY_WEBHOOKS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                             MutinyEmitter<CalendlyDeliveryV1> emitter) {
        this.emitter = emitter;
    }

    /** Keyed by the invitee URI so one invitee's events stay in order on one partition. */
    public Uni<Void> publish(String inviteeUri, CalendlyDeliveryV1 delivery) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.TENANT_ID, bytes(delivery.tenantId().toString()));
        headers.add(EventHeaders.EVENT_ID, bytes(delivery.deliveryId().toString()));
        headers.add(EventHeaders.EVENT_TYPE, bytes(delivery.event()));
        headers.add(EventHeaders.SCHEMA_VERSION, bytes(Integer.toString(CalendlyDeliveryV1.SCHEMA_VERSION)));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(inviteeUri).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(delivery).addMetadata(metadata));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
