package io.quillspace.shared.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class TraceContextTest {

    static final SpanContext SPAN = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
            TraceFlags.getSampled(), TraceState.getDefault());

    @Test
    void theCurrentSpanTravelsOnRecordHeadersAndComesBackAsTheParent() {
        RecordHeaders headers = new RecordHeaders();
        try (Scope ignored = Context.root().with(Span.wrap(SPAN)).makeCurrent()) {
            TraceContext.inject(headers);
        }

        SpanContext extracted = Span.fromContext(TraceContext.extract(headers)).getSpanContext();
        assertEquals(SPAN.getTraceId(), extracted.getTraceId());
        assertEquals(SPAN.getSpanId(), extracted.getSpanId());
    }

    @Test
    void aStoredTraceparentNamesTheSpanThatWasCurrentWhenItWasTaken() {
        String traceparent;
        try (Scope ignored = Context.root().with(Span.wrap(SPAN)).makeCurrent()) {
            traceparent = TraceContext.currentTraceparent();
        }

        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", traceparent);
        assertEquals(SPAN.getSpanId(), Span.fromContext(TraceContext.fromTraceparent(traceparent)).getSpanContext().getSpanId());
    }

    @Test
    void withoutASpanThereIsNothingToStoreAndNothingToContinue() {
        try (Scope ignored = Context.root().makeCurrent()) {
            assertNull(TraceContext.currentTraceparent());
        }
        assertFalse(Span.fromContext(TraceContext.fromTraceparent(null)).getSpanContext().isValid());
        assertFalse(Span.fromContext(TraceContext.fromTraceparent("garbled")).getSpanContext().isValid());
        assertFalse(Span.fromContext(TraceContext.extract(new RecordHeaders())).getSpanContext().isValid());
    }
}
