package io.quillspace.booking;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * One webhook is one trace: a delivery published in webhook-ingress's trace is applied in a consumer span of that
 * trace, and the booking event it causes leaves the outbox, after commit and from another context, still in it.
 */
@QuarkusTest
class TraceContinuationTest {

    static final String INGRESS_TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String INGRESS_SPAN = "b7ad6b7169203331";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    InMemorySpanExporter spans;

    /** Quarkus exports finished spans to every SpanExporter bean (quarkus.otel.traces.exporter=cdi). */
    static class SpanCapture {
        @Produces
        @Singleton
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @Test
    void theBookingEventRelayedFromTheOutboxCarriesTheWebhooksTrace() {
        try (CalendlyDeliveries calendly = new CalendlyDeliveries(bootstrapServers);
             TopicProbe bookingEvents = TopicProbe.atEnd(bootstrapServers, Topics.BOOKING_EVENTS)) {
            calendly.send(calendly.fixture("invitee.created.json"), "00-" + INGRESS_TRACE + "-" + INGRESS_SPAN + "-01");

            var relayed = bookingEvents.await(r -> calendly.tenant.toString()
                    .equals(TopicProbe.header(r, EventHeaders.TENANT_ID)), Duration.ofSeconds(30));
            String[] traceparent = TopicProbe.header(relayed, "traceparent").split("-");
            assertEquals(INGRESS_TRACE, traceparent[1], "the relayed record continues the webhook's trace");
            assertNotEquals(INGRESS_SPAN, traceparent[2], "as a span of its own");

            SpanData consumer = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getName().equals(Topics.CALENDLY_WEBHOOKS + " process")
                            && span.getTraceId().equals(INGRESS_TRACE))
                    .findFirst().orElse(null), span -> span != null);
            assertEquals(INGRESS_SPAN, consumer.getParentSpanId(), "the consumer span is the ingress publish's child");
        }
    }
}
