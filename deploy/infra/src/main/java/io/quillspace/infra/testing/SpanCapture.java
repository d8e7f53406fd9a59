package io.quillspace.infra.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Every span a service under test finishes, kept in memory: Quarkus exports to each SpanExporter bean
 * ({@code quarkus.otel.traces.exporter=cdi}). A service's tests get this bean by indexing this module
 * ({@code %test.quarkus.index-dependency.quillspace-infra.*}) and inject {@link InMemorySpanExporter}.
 */
public class SpanCapture {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }

    /** The first finished span that matches, waiting up to {@code within} for it to be exported. */
    public static SpanData awaitSpan(InMemorySpanExporter spans, Predicate<SpanData> wanted, Duration within) {
        return await().atMost(within).until(() -> spans.getFinishedSpanItems().stream().filter(wanted)
                .findFirst().orElse(null), span -> span != null);
    }
}
