package io.quillspace.ingress.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.StartupEvent;
import io.quillspace.ingress.config.IngressConfig;
import io.quillspace.shared.events.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The Kafka producer behind {@link DeliveryPublisher}: the application's {@code kafka.*} settings overlaid with
 * {@code quillspace.ingress.producer.*}. A bare client rather than a messaging channel, because every delivery waits
 * for its own acknowledgement on the request path: sending straight from the event loop keeps that path short.
 * That is safe only because {@code max.block.ms=0} (enforced here): a send that would wait for topic metadata or
 * buffer space fails at once and the delivery is answered 503, which Calendly retries.
 */
@ApplicationScoped
public class DeliveryProducerFactory {

    private static final Logger LOG = Logger.getLogger(DeliveryProducerFactory.class);
    private static final Duration METADATA_POLL = Duration.ofMillis(100);

    private KafkaClientMetrics metrics;

    @Produces
    @ApplicationScoped
    Producer<String, byte[]> deliveryProducer(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                                              IngressConfig config, MeterRegistry registry) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.putAll(config.producer());
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings);
        metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        return producer;
    }

    /** Fetches the topic's metadata before the first delivery can arrive; readiness reports it until then. */
    void loadTopicMetadata(@Observes StartupEvent startup, Producer<String, byte[]> producer, IngressConfig config) {
        long deadline = System.nanoTime() + config.startupMetadataWait().toNanos();
        while (true) {
            try {
                producer.partitionsFor(Topics.CALENDLY_WEBHOOKS);
                return;
            } catch (KafkaException notYet) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("no metadata for %s yet (%s): not ready until the broker answers",
                            Topics.CALENDLY_WEBHOOKS, notYet.getMessage());
                    return;
                }
                LockSupport.parkNanos(METADATA_POLL.toNanos());
            }
        }
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        metrics.close();
        producer.close(Duration.ofSeconds(10));
    }
}
