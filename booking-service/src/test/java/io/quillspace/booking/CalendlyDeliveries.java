package io.quillspace.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Verified Calendly deliveries made from the shared fixtures for one fresh tenant, published to the raw topic as
 * webhook-ingress would: same delivery id rule, same key. The fixtures' invitee ids get a fresh suffix per instance, so
 * tests never see each other's bookings.
 */
final class CalendlyDeliveries implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final UUID tenant = UUID.randomUUID();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final KafkaProducer<String, byte[]> producer;

    CalendlyDeliveries(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** The fixture's delivery for this tenant; {@code edit} may change its payload. */
    CalendlyDeliveryV1 fixture(String name, Consumer<ObjectNode> edit) {
        String text = new String(CalendlyFixtures.body(name), StandardCharsets.UTF_8)
                .replace("INV1AAAA", "INV1AAAA-" + suffix)
                .replace("INV2BBBB", "INV2BBBB-" + suffix)
                .replace("INV3CCCC", "INV3CCCC-" + suffix)
                .replace("NOSHOW1A", "NOSHOW1A-" + suffix);
        try {
            JsonNode body = JSON.readTree(text);
            ObjectNode payload = (ObjectNode) body.get("payload");
            edit.accept(payload);
            String event = body.get("event").asText();
            String updatedAt = payload.hasNonNull("updated_at") ? payload.get("updated_at").asText()
                    : payload.get("created_at").asText();
            return new CalendlyDeliveryV1(deliveryId(event, payload.get("uri").asText()), tenant, event,
                    Instant.parse(updatedAt), Instant.now(), payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CalendlyDeliveryV1 fixture(String name) {
        return fixture(name, payload -> { });
    }

    /** The invitee URI a fixture's invitee has for this instance, e.g. {@code inviteeUri("INV1AAAA")}. */
    String inviteeUri(String fixtureInvitee) {
        String event = switch (fixtureInvitee) {
            case "INV1AAAA" -> "EVT1AAAA";
            case "INV2BBBB" -> "EVT2BBBB";
            default -> "EVT3CCCC";
        };
        return "https://api.calendly.com/scheduled_events/" + event + "/invitees/" + fixtureInvitee + "-" + suffix;
    }

    /** Publishes as webhook-ingress does: keyed by the invitee (for no-shows, the invitee they mark). */
    void send(CalendlyDeliveryV1 delivery) {
        send(delivery, null);
    }

    /** As {@link #send(CalendlyDeliveryV1)}, in the trace a W3C {@code traceparent} names (none if null). */
    void send(CalendlyDeliveryV1 delivery, String traceparent) {
        var record = delivery.record();
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** webhook-ingress's delivery id: a redelivery of the same Calendly event carries the same one. */
    static UUID deliveryId(String event, String uri) {
        return UUID.nameUUIDFromBytes((event + "\n" + uri).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
