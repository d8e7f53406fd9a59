package io.quillspace.booking;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.SpanCapture;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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

            SpanData consumer = SpanCapture.awaitSpan(spans,
                    span -> span.getName().equals(Topics.CALENDLY_WEBHOOKS + " process")
                            && span.getTraceId().equals(INGRESS_TRACE),
                    Duration.ofSeconds(10));
            assertEquals(INGRESS_SPAN, consumer.getParentSpanId(), "the consumer span is the ingress publish's child");
        }
    }
}
