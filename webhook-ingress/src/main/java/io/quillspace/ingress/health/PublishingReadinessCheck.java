package io.quillspace.ingress.health;

import io.quillspace.shared.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the delivery producer knows the partitions of the topic it publishes to. The producer never waits for
 * that metadata on a request (max.block.ms=0), so a pod must not take deliveries before it has it. Each probe also
 * marks the topic as in use, which keeps its metadata from expiring while no delivery arrives.
 */
@Readiness
@ApplicationScoped
public class PublishingReadinessCheck implements HealthCheck {

    static final String NAME = "Calendly delivery publishing";

    private final Producer<String, byte[]> producer;

    public PublishingReadinessCheck(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int partitions = producer.partitionsFor(Topics.CALENDLY_WEBHOOKS).size();
            return HealthCheckResponse.named(NAME).up().withData("partitions", partitions).build();
        } catch (KafkaException e) {
            return HealthCheckResponse.named(NAME).down().withData("reason", e.getMessage()).build();
        }
    }
}
