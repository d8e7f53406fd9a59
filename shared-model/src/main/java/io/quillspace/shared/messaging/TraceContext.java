package io.quillspace.shared.messaging;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * W3C trace context ({@code traceparent}) on Kafka records and outbox rows: how one webhook stays one trace from
 * webhook-ingress through every consumer and every event relayed from an outbox.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /** Puts the current span's context on a record about to be produced. */
    public static void inject(Headers headers) {
        W3C.inject(Context.current(), headers,
                (carrier, name, value) -> carrier.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The context a consumed record carries; the root context (a new trace) when it carries none. */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, KAFKA_HEADERS);
    }

    /** The current span as a {@code traceparent} value, to store beside an event; null when no span is current. */
    public static String currentTraceparent() {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a stored {@code traceparent} names; the root context when it is null or garbled. */
    public static Context fromTraceparent(String traceparent) {
        return traceparent == null ? Context.root() : W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
    }
}
