package io.quillspace.shared.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The consumer template of the fleet: decode the record value, apply it with {@link ConsumerRetries}, count the
 * outcome in {@code quillspace_consumer_records_total{channel, outcome}}, and let a permanent failure (see
 * {@link FailureClassifier}) reach the connector's dead-letter strategy with its reason. The returned Uni completes
 * only once the record's effects are committed, so the connector acknowledges nothing it did not apply.
 *
 * @param <E> the contract the records carry
 */
public final class RecordProcessor<E> {

    private static final Logger LOG = Logger.getLogger(RecordProcessor.class);
    static final String METRIC = "quillspace.consumer.records";
    static final String DEAD_LETTERED = "dead_lettered";

    private final String channel;
    private final Function<byte[], E> decoder;
    private final Function<E, String> describer;
    private final FailureClassifier classifier;
    private final Map<RecordOutcome, Counter> outcomes = new EnumMap<>(RecordOutcome.class);
    private final Counter deadLettered;

    /**
     * @param decoder   the contract's decoder; whatever it throws dead-letters the record
     * @param describer names a decoded record in logs and dead-letter reasons (its ids, never personal data)
     */
    public RecordProcessor(String channel, Function<byte[], E> decoder, Function<E, String> describer,
                           FailureClassifier classifier, MeterRegistry registry) {
        this.channel = channel;
        this.decoder = decoder;
        this.describer = describer;
        this.classifier = classifier;
        for (RecordOutcome outcome : RecordOutcome.values()) {
            outcomes.put(outcome, counter(registry, outcome.tag()));
        }
        this.deadLettered = counter(registry, DEAD_LETTERED);
    }

    private Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(METRIC)
                .description("Records consumed, by what the consumer did with them")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry);
    }

    public Uni<Void> process(byte[] value, Function<E, Uni<RecordOutcome>> apply) {
        E record;
        try {
            record = decoder.apply(value);
        } catch (RuntimeException e) {
            return deadLetter("unreadable record", e);
        }
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

    /** Fails with the reason the connector writes into the dead-letter record's {@code dead-letter-reason} header. */
    private Uni<Void> deadLetter(String description, Throwable failure) {
        deadLettered.increment();
        String reason = description + ": " + (failure.getMessage() == null ? failure.toString() : failure.getMessage());
        LOG.errorf("%s on %s cannot be applied, dead-lettered: %s", description, channel, reason);
        return Uni.createFrom().failure(new UnprocessableEventException(reason, failure));
    }
}
