package io.quillspace.shared.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.quillspace.shared.events.TenantRecord;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

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
 * records (or batches) are applied one at a time, so the record in flight is the oldest unprocessed one.
 *
 * <p><b>Batch mode</b> ({@link #processBatch}) applies what one poll returned in one transaction per tenant, so a
 * {@link TenantShare} can use set-based statements. To use it on a channel:
 * <ol>
 * <li>set {@code mp.messaging.incoming.<topic>.batch=true} and take {@code ConsumerRecords<String, byte[]>} in the
 * {@code @Incoming} method, returning {@code processBatch(...)};</li>
 * <li>declare an outgoing channel {@code <topic>.dlq} (topic {@code <topic>.dlq}, {@code StringSerializer} keys,
 * {@code ByteArraySerializer} values, {@code acks=all}) and pass a {@link DeadLetterTopic} on its
 * {@code MutinyEmitter<byte[]>}: nacking a batch would dead-letter all of it, so the processor writes the poison
 * record itself and the incoming channel's {@code failure-strategy} is never reached;</li>
 * <li>implement {@link TenantShare}: apply one tenant's records in one tenant transaction and answer one outcome per
 * record, in order. Records of one key arrive in offset order; records of the same key must be folded in memory
 * before an {@code insert ... on conflict do update} (it cannot touch one row twice), and a record repeated within
 * the share is a duplicate.</li>
 * </ol>
 * Up to {@value #SHARE_CONCURRENCY} tenants' shares are applied at once, each on a duplicated Vert.x context of its own
 * (the reactive session and the log fields live on the context) and with its own retries; records of one key belong to
 * one tenant, so their order is kept. A share that fails permanently is
 * applied again record by record, so only the poison record goes to the dead-letter topic (with the reason and the
 * connector's headers, as in record mode) and every other record is applied and counted once. The batch is
 * acknowledged after its last share commits; throttled commit then moves each partition past its last offset.
 *
 * @param <E> the contract the records carry
 */
public final class RecordProcessor<E extends TenantRecord> {

    private static final Logger LOG = Logger.getLogger(RecordProcessor.class);
    static final String METRIC = "quillspace.consumer.records";
    static final String DEAD_LETTERED = "dead_lettered";
    static final String LAG_METRIC = "quillspace.consumer.lag.seconds";
    /**
     * Tenants' shares of one batch in flight at once: a share mostly waits on database round trips, so a few together
     * keep the core busy, well within the connection pool the service's other work shares.
     */
    static final int SHARE_CONCURRENCY = 4;
    private static final long IDLE = Long.MIN_VALUE;

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
            Set<String> logKeys = new HashSet<>();
            return apply(consumed.value(), apply, logKeys).onTermination().invoke((ignored, failure, cancelled) -> {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR, failure.getMessage());
                }
                span.end();
                scope.close();
                logKeys.forEach(MDC::remove);
                inFlightSince.set(IDLE);
            });
        });
    }

    private Uni<Void> apply(byte[] value, Function<E, Uni<RecordOutcome>> apply, Set<String> logKeys) {
        E record;
        try {
            record = decoder.apply(value);
        } catch (RuntimeException e) {
            return deadLetter("unreadable record", e);
        }
        putLogFields(record, logKeys);
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

    /** Puts the record's ids into the MDC and remembers their keys, to remove them when the record is done. */
    private static void putLogFields(TenantRecord record, Set<String> keys) {
        record.logFields().forEach((key, value) -> {
            MDC.put(key, value);
            keys.add(key);
        });
    }

    /** Fails with the reason the connector writes into the dead-letter record's {@code dead-letter-reason} header. */
    private Uni<Void> deadLetter(String description, Throwable failure) {
        return Uni.createFrom().failure(unprocessable(description, failure));
    }

    private UnprocessableEventException unprocessable(String description, Throwable failure) {
        deadLettered.increment();
        String reason = description + ": " + (failure.getMessage() == null ? failure.toString() : failure.getMessage());
        LOG.errorf("%s on %s cannot be applied, dead-lettered: %s", description, channel, reason);
        return new UnprocessableEventException(reason, failure);
    }

    /** Applies one tenant's share of a batch in one transaction of that tenant. */
    @FunctionalInterface
    public interface TenantShare<E> {

        /**
         * Completes, once committed, with one outcome per record in {@code records}' order; fails (rolled back) if any
         * record fails, which the processor then isolates by applying the records one by one.
         */
        Uni<List<RecordOutcome>> apply(UUID tenantId, List<Batched<E>> records);
    }

    /**
     * A record of a batch with its consumer span, a child of the producer's trace: work done {@link #within} it (an
     * outbox event appended, a log line) belongs to the record's trace.
     */
    public record Batched<E>(E record, Span span) {

        public <T> Uni<T> within(Supplier<Uni<T>> work) {
            return Uni.createFrom().deferred(() -> {
                Scope scope = span.makeCurrent();
                return work.get().onTermination().invoke(scope::close);
            });
        }
    }

    private record Decoded<E>(ConsumerRecord<?, byte[]> consumed, Batched<E> batched) {
    }

    /**
     * Batch mode (see the class comment): completes once every record of {@code batch} is committed, counted as a
     * duplicate or stale, or written to {@code deadLetters}; it fails only if the dead-letter topic cannot be written.
     */
    public Uni<Void> processBatch(Iterable<? extends ConsumerRecord<?, byte[]>> batch, TenantShare<E> apply,
                                  DeadLetterTopic deadLetters) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            Set<String> logKeys = new HashSet<>();
            Map<UUID, List<Decoded<E>>> shares = new LinkedHashMap<>();
            List<Span> spans = new ArrayList<>();
            List<Uni<Void>> unreadable = new ArrayList<>();
            long oldest = Long.MAX_VALUE;
            for (ConsumerRecord<?, byte[]> consumed : batch) {
                oldest = Math.min(oldest, consumed.timestamp());
                Span span = span(consumed);
                spans.add(span);
                try {
                    E record = decoder.apply(consumed.value());
                    shares.computeIfAbsent(record.tenantId(), tenant -> new ArrayList<>())
                            .add(new Decoded<>(consumed, new Batched<>(record, span)));
                } catch (RuntimeException e) {
                    span.setStatus(StatusCode.ERROR, e.getMessage());
                    unreadable.add(onContext(context, deadLetters.send(consumed, unprocessable("unreadable record", e))));
                }
            }
            if (spans.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            inFlightSince.set(oldest);
            return Multi.createFrom().iterable(unreadable)
                    .onItem().transformToUniAndConcatenate(send -> send)
                    .onCompletion().switchTo(() -> Multi.createFrom().iterable(shares.entrySet())
                            .onItem().transformToUni(share -> onOwnContext(context, () -> applyShare(share.getKey(),
                                    share.getValue(), apply, deadLetters, logKeys)))
                            .merge(SHARE_CONCURRENCY))
                    .collect().last()
                    .replaceWithVoid()
                    .emitOn(task -> onContext(context, task))
                    .onTermination().invoke(() -> {
                        spans.forEach(Span::end);
                        logKeys.forEach(MDC::remove);
                        inFlightSince.set(IDLE);
                    });
        });
    }

    private Span span(ConsumerRecord<?, byte[]> consumed) {
        return tracer.spanBuilder(channel + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceContext.extract(consumed.headers()))
                .setAttribute("messaging.destination.name", consumed.topic())
                .startSpan();
    }

    private Uni<Void> applyShare(UUID tenantId, List<Decoded<E>> share, TenantShare<E> apply,
                                 DeadLetterTopic deadLetters, Set<String> logKeys) {
        Context context = Vertx.currentContext();
        logKeys.forEach(MDC::remove);
        MDC.put("tenantId", tenantId.toString());
        logKeys.add("tenantId");
        List<Batched<E>> records = share.stream().map(Decoded::batched).toList();
        String description = records.size() + " records of tenant " + tenantId;
        return ConsumerRetries.<List<RecordOutcome>>retryTransient(() -> apply.apply(tenantId, records)
                                .onFailure(failure -> !classifier.isPermanent(failure))
                                .invoke(failure -> LOG.warnf("%s on %s failed, retrying: %s", description, channel, failure)),
                        classifier::isPermanent)
                .onItemOrFailure().transformToUni((applied, failure) -> {
                    if (failure == null) {
                        applied.forEach(outcome -> outcomes.get(outcome).increment());
                        LOG.debugf("%s on %s: %s", description, channel, applied);
                        return Uni.createFrom().voidItem();
                    }
                    LOG.warnf("%s on %s cannot be applied together, applying them one by one: %s", description, channel,
                            failure.toString());
                    return Multi.createFrom().iterable(share)
                            .onItem().transformToUniAndConcatenate(one -> applyAlone(one, apply, deadLetters, context, logKeys))
                            .collect().last()
                            .replaceWithVoid();
                });
    }

    private Uni<Void> applyAlone(Decoded<E> one, TenantShare<E> apply, DeadLetterTopic deadLetters, Context context,
                                 Set<String> logKeys) {
        E record = one.batched().record();
        putLogFields(record, logKeys);
        String description = describer.apply(record);
        return ConsumerRetries.<List<RecordOutcome>>retryTransient(() -> apply.apply(record.tenantId(),
                                        List.of(one.batched()))
                                .onFailure(failure -> !classifier.isPermanent(failure))
                                .invoke(failure -> LOG.warnf("%s on %s failed, retrying: %s", description, channel, failure)),
                        classifier::isPermanent)
                .onItemOrFailure().transformToUni((applied, failure) -> {
                    if (failure != null) {
                        one.batched().span().setStatus(StatusCode.ERROR, failure.getMessage());
                        return onContext(context, deadLetters.send(one.consumed(), unprocessable(description, failure)));
                    }
                    outcomes.get(applied.get(0)).increment();
                    LOG.debugf("%s on %s: %s", description, channel, applied.get(0).tag());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The broker's acknowledgement arrives on a producer thread; what follows must run on the consumer's context. */
    private static Uni<Void> onContext(Context context, Uni<Void> operation) {
        return context == null ? operation : operation.emitOn(task -> onContext(context, task));
    }

    private static void onContext(Context context, Runnable task) {
        if (context == null) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }

    /** Runs {@code work} on a new safe duplicate of the consumer's context, so concurrent shares share no session. */
    private static <T> Uni<T> onOwnContext(Context consumer, Supplier<Uni<T>> work) {
        if (consumer == null) {
            return Uni.createFrom().deferred(work::get);
        }
        Context own = VertxContext.createNewDuplicatedContext(consumer);
        VertxContextSafetyToggle.setContextSafe(own, true);
        return Uni.createFrom().emitter(emitter -> own.runOnContext(ignored -> work.get().subscribe()
                .with(emitter::complete, emitter::fail)));
    }
}
