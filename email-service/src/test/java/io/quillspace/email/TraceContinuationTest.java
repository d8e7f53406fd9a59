package io.quillspace.email;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.SpanCapture;
import io.quillspace.shared.events.Topics;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A booking event relayed in a webhook's trace is turned into email jobs in a consumer span of that same trace. */
@QuarkusTest
class TraceContinuationTest {

    static final String WEBHOOK_TRACE = "5b8efff798038103d269b633813fc60c";
    static final String RELAY_SPAN = "eee19b7ec3c1b174";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theBookingEventIsAppliedInAConsumerSpanOfTheWebhooksTrace() {
        try (BookingEmails emails = new BookingEmails(bootstrapServers)) {
            UUID booking = UUID.randomUUID();
            emails.send(emails.created(booking, Instant.now().plus(Duration.ofDays(3))),
                    "00-" + WEBHOOK_TRACE + "-" + RELAY_SPAN + "-01");

            SpanData consumer = SpanCapture.awaitSpan(spans,
                    span -> span.getName().equals(Topics.BOOKING_EVENTS + " process")
                            && span.getTraceId().equals(WEBHOOK_TRACE),
                    Duration.ofSeconds(30));
            assertEquals(RELAY_SPAN, consumer.getParentSpanId());
            await().atMost(Duration.ofSeconds(10)).until(() -> !emails.jobs(booking).isEmpty());
        }
    }
}
