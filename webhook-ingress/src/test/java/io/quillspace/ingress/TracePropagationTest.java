package io.quillspace.ingress;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.SpanCapture;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.Topics;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A delivery's trace starts at the webhook request and travels on the published record, for every consumer to continue. */
@QuarkusTest
class TracePropagationTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void thePublishedDeliveryCarriesTheWebhookRequestsSpanAsItsParent() {
        byte[] body = CalendlyFixtures.body("invitee.canceled.json");
        try (TopicProbe published = TopicProbe.atEnd(bootstrapServers, Topics.CALENDLY_WEBHOOKS)) {
            given().contentType(ContentType.JSON)
                    .header("Calendly-Webhook-Signature",
                            CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY, Instant.now(), body))
                    .body(body)
                    .when().post("/webhooks/calendly")
                    .then().statusCode(202);

            var record = published.await(r -> BrokerOutageTest.CANCELED_INVITEE.equals(r.key()), Duration.ofSeconds(10));
            String[] traceparent = TopicProbe.header(record, "traceparent").split("-");
            SpanData request = SpanCapture.awaitSpan(spans,
                    span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(traceparent[1]),
                    Duration.ofSeconds(10));
            assertEquals(traceparent[2], request.getSpanId(), "the request's span is the record's parent");
            assertEquals("POST /webhooks/calendly", request.getName());
        }
    }
}
