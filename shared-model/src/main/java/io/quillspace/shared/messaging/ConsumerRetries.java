package io.quillspace.shared.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How every Kafka consumer treats a failure: a permanent one (the record can never be processed) fails at once and
 * goes to the dead-letter topic; any other is retried with backoff for a few minutes, so a database restart does not
 * dead-letter the backlog. Each attempt starts on the consumer's Vert.x context, where Hibernate Reactive must run.
 */
public final class ConsumerRetries {

    static final int ATTEMPTS = 12;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private ConsumerRetries() {
    }

    public static <T> Uni<T> retryTransient(Supplier<Uni<? extends T>> attempt, Predicate<Throwable> permanent) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().<T>deferred(attempt)
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
                .onFailure(failure -> !permanent.test(failure))
                .retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).atMost(ATTEMPTS);
    }
}
