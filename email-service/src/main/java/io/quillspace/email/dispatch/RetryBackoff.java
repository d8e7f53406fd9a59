package io.quillspace.email.dispatch;

import java.time.Duration;

/**
 * When a failed email is tried again: exponential in the attempts made, capped, with ±20 % jitter so that jobs that
 * failed together do not retry together.
 */
public record RetryBackoff(Duration first, Duration max) {

    static final double JITTER = 0.2;

    /**
     * @param attempt the attempt that failed, from 1
     * @param random  a uniform draw in [0, 1)
     */
    public Duration after(int attempt, double random) {
        long firstMillis = first.toMillis();
        long exponential = attempt >= 31 ? Long.MAX_VALUE : firstMillis << Math.max(0, attempt - 1);
        long capped = exponential <= 0 || exponential > max.toMillis() ? max.toMillis() : exponential;
        return Duration.ofMillis(Math.round(capped * (1 - JITTER + 2 * JITTER * random)));
    }
}
