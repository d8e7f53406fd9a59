package io.quillspace.ingress.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to try a failed Calendly call again. A 429 waits what its {@code Retry-After} says (seconds or an HTTP date);
 * a 5xx, a timeout or a broken connection waits a backoff that doubles per attempt; any other answer is final. Never
 * more than {@code maxAttempts} attempts, never a wait longer than {@code maxWait}: a longer Retry-After gives up at
 * once, and the next sweep tries again.
 */
final class CalendlyRetryPolicy {

    static final int TOO_MANY_REQUESTS = 429;

    private final int maxAttempts;
    private final Duration backoff;
    private final Duration maxWait;
    private final Clock clock;

    CalendlyRetryPolicy(int maxAttempts, Duration backoff, Duration maxWait, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /**
     * @param attempt    attempts made so far, from 1
     * @param status     the answer's status, or null when there was no answer (timeout, connection)
     * @param retryAfter the answer's {@code Retry-After} header, if any
     * @return how long to wait before the next attempt, or empty when the failure is final
     */
    Optional<Duration> waitBeforeRetry(int attempt, Integer status, String retryAfter) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        if (status != null && status == TOO_MANY_REQUESTS) {
            Optional<Duration> asked = retryAfter(retryAfter);
            if (asked.isPresent()) {
                return asked.get().compareTo(maxWait) > 0 ? Optional.empty() : asked;
            }
            return Optional.of(backoff(attempt));
        }
        if (status == null || status >= 500) {
            return Optional.of(backoff(attempt));
        }
        return Optional.empty();
    }

    private Duration backoff(int attempt) {
        Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    private Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
