package io.quillspace.shared.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.FleetEvent;
import io.quillspace.shared.events.ProposalEventV1;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The consumer template of the fleet: decode the record value, apply it with {@link ConsumerRetries}, count the
 * outcome in {@code quillspace_consumer_records_total{channel, outcome}}, and let a permanent failure (see
 * {@link FailureClassifier}) reach the connector's dead-letter strategy with its reason. The returned Uni completes
 * only once the record's effects are committed, so the connector acknowledges nothing it did not apply.
 *
 * <p>Each record is applied inside a consumer span that continues the producer's trace (its {@code traceparent}
 * header), so what the record causes, an outbox event included, belongs to the same trace. The span is current on the
 * consumer's Vert.x context, where every attempt runs (see {@link ConsumerRetries}). Its log lines carry the record's
 * ids as MDC fields ({@code tenantId}, {@code deliveryId} or {@code eventId}, {@code bookingId}), which the JSON log
 * format prints with each line; Quarkus keeps MDC per Vert.x context, so one record's fields never reach another's.
 *
 * <p>{@code quillspace_consumer_lag_seconds{channel}} is how long ago the record the consumer is on was produced (its
 * Kafka timestamp), 0 while it waits for the next one: a record stuck in retries shows as a growing age. A channel's
 * records are applied one at a time (the connector's default), so the record in flight is the oldest unprocessed one.
 *
 * @param <E> the contract the records carry
 */
public final class RecordProcessor<E> {

    private static final Logger LOG = Logger.getLogger(RecordProcessor.class);
    static final String METRIC = "quillspace.consumer.records";
    static final String DEAD_LETTERED = "dead_lettered";
    static final String LAG_METRIC = "quillspace.consumer.lag.seconds";
    private static final long IDLE = Long.MIN_VALUE;
    private static final List<String> LOG_FIELDS = List.of("tenantId", "deliveryId", "eventId", "bookingId");

    private final String channel;
    private final Function<byte[], E> decoder;
    private final Function<E, String> describer;
    private final FailureClassifier classifier;
    private final Map<RecordOutcome, Counter> outcomes = new EnumMap<>(RecordOutcome.class);
    private final Counter deadLettered;
    private final Clock clock;
    private final Tracer tracer;
    /** Kafka timestamp (epoch ms) of the record being applied, or {@link #IDLE}. */
    private final AtomicLong inFlightSince = new AtomicLong(IDLE);

    /**
     * @param decoder   the contract's decoder; whatever it throws dead-letters the record
     * @param describer names a decoded record in logs and dead-letter reasons (its ids, never personal data)
     */
    public RecordProcessor(String channel, Function<byte[], E> decoder, Function<E, String> describer,
                           FailureClassifier classifier, MeterRegistry registry, Tracer tracer) {
        this(channel, decoder, describer, classifier, registry, tracer, Clock.systemUTC());
    }

    RecordProcessor(String channel, Function<byte[], E> decoder, Function<E, String> describer,
                    FailureClassifier classifier, MeterRegistry registry, Tracer tracer, Clock clock) {
        this.channel = channel;
        this.tracer = tracer;
        this.clock = clock;
        this.decoder = decoder;
        this.describer = describer;
        this.classifier = classifier;
        for (RecordOutcome outcome : RecordOutcome.values()) {
            outcomes.put(outcome, counter(registry, outcome.tag()));
        }
        this.deadLettered = counter(registry, DEAD_LETTERED);
        Gauge.builder(LAG_METRIC, this, RecordProcessor::lagSeconds)
                .description("How long ago the record the consumer is on was produced; 0 when it has caught up")
                .tag("channel", channel)
                .register(registry);
    }

    /** Seconds since the record in flight was produced, 0 when none is. */
    double lagSeconds() {
        long since = inFlightSince.get();
        return since == IDLE ? 0 : Math.max(0, clock.millis() - since) / 1000.0;
    }

    private Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(METRIC)
                .description("Records consumed, by what the consumer did with them")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry);
    }

    public Uni<Void> process(ConsumerRecord<?, byte[]> consumed, Function<E, Uni<RecordOutcome>> apply) {
        return Uni.createFrom().deferred(() -> {
            inFlightSince.set(consumed.timestamp());
            Span span = tracer.spanBuilder(channel + " process")
                    .setSpanKind(SpanKind.CONSUMER)
                    .setParent(TraceContext.extract(consumed.headers()))
                    .setAttribute("messaging.destination.name", consumed.topic())
                    .startSpan();
            Scope scope = span.makeCurrent();
            return apply(consumed.value(), apply).onTermination().invoke((ignored, failure, cancelled) -> {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR, failure.getMessage());
                }
                span.end();
                scope.close();
                LOG_FIELDS.forEach(MDC::remove);
                inFlightSince.set(IDLE);
            });
        });
    }

    private Uni<Void> apply(byte[] value, Function<E, Uni<RecordOutcome>> apply) {
        E record;
        try {
            record = decoder.apply(value);
        } catch (RuntimeException e) {
            return deadLetter("unreadable record", e);
        }
        putLogFields(record);
        String description = describer.apply(record);
        return ConsumerRetries.<RecordOutcome>retryTransient(() -> apply.apply(record)
                                .onFailure(failure -> !classifier.isPermanent(failure))
                                .invoke(failure -> LOG.warnf("%s on %s failed, retrying: %s", description, channel, failure)),
                        classifier::isPermanent)
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    if (failure != null) {
                        return deadLetter(description, failure);
                    }
                    outcomes.get(outcome).increment();
                    LOG.debugf("%s on %s: %s", description, channel, outcome.tag());
                    return Uni.createFrom().voidItem();
                });
    }

    private static void putLogFields(Object record) {
        if (record instanceof CalendlyDeliveryV1 delivery) {
            MDC.put("tenantId", String.valueOf(delivery.tenantId()));
            MDC.put("deliveryId", String.valueOf(delivery.deliveryId()));
        }
        if (record instanceof FleetEvent event) {
            MDC.put("tenantId", String.valueOf(event.tenantId()));
            MDC.put("eventId", String.valueOf(event.eventId()));
        }
        if (record instanceof BookingEventV1 event) {
            MDC.put("bookingId", String.valueOf(event.bookingId()));
        }
        if (record instanceof ProposalEventV1 event) {
            MDC.put("bookingId", String.valueOf(event.bookingId()));
        }
    }

    /** Fails with the reason the connector writes into the dead-letter record's {@code dead-letter-reason} header. */
    private Uni<Void> deadLetter(String description, Throwable failure) {
        deadLettered.increment();
        String reason = description + ": " + (failure.getMessage() == null ? failure.toString() : failure.getMessage());
        LOG.errorf("%s on %s cannot be applied, dead-lettered: %s", description, channel, reason);
        return Uni.createFrom().failure(new UnprocessableEventException(reason, failure));
    }
}
