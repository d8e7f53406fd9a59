package io.quillspace.shared.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How every Kafka consumer treats a failure: a permanent one (the record can never be processed) fails at once and
 * goes to the dead-letter topic; any other is retried with capped, jittered backoff until it succeeds, so a database or
 * broker outage of any length pauses the partition instead of dead-lettering its backlog. The connector's
 * unprocessed-record watchdog is off for the same reason (channels set {@code throttled.unprocessed-record-max-age.ms=0}):
 * an outage shows as consumer lag, not as a liveness failure that would restart the pod into the same outage. Each
 * attempt starts on the consumer's Vert.x context, where Hibernate Reactive must run.
 */
public final class ConsumerRetries {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final double JITTER = 0.2;

    private ConsumerRetries() {
    }

    public static <T> Uni<T> retryTransient(Supplier<Uni<? extends T>> attempt, Predicate<Throwable> permanent) {
        Context context = Vertx.currentContext();
        Uni<T> once = Uni.createFrom().deferred(attempt);
        if (context != null) {
            once = once.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return once.onFailure(failure -> !permanent.test(failure))
                .retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).withJitter(JITTER).indefinitely();
    }
}
