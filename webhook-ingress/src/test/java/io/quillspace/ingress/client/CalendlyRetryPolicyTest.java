package io.quillspace.ingress.client;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CalendlyRetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    final CalendlyRetryPolicy policy = new CalendlyRetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTooManyRequestsWaitsWhatRetryAfterSaysInSecondsOrAsADate() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), policy.waitBeforeRetry(1, 429, "7"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), policy.waitBeforeRetry(1, 429, "Tue, 01 Dec 2026 10:00:30 GMT"));
        assertEquals(Optional.of(Duration.ZERO), policy.waitBeforeRetry(1, 429, "Tue, 01 Dec 2026 09:59:00 GMT"));
    }

    @Test
    void aTooManyRequestsWithoutAReadableRetryAfterBacksOff() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), policy.waitBeforeRetry(2, 429, null));
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.waitBeforeRetry(1, 429, "soon"));
    }

    @Test
    void aRetryAfterBeyondTheLongestWaitGivesUpForTheNextSweep() {
        assertEquals(Optional.empty(), policy.waitBeforeRetry(1, 429, "3600"));
    }

    @Test
    void serverErrorsAndMissingAnswersBackOffDoublingUpToTheLongestWait() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.waitBeforeRetry(1, 503, null));
        assertEquals(Optional.of(Duration.ofSeconds(4)), policy.waitBeforeRetry(3, null, null));
        var slow = new CalendlyRetryPolicy(10, Duration.ofSeconds(10), Duration.ofSeconds(60), Clock.systemUTC());
        assertEquals(Optional.of(Duration.ofSeconds(60)), slow.waitBeforeRetry(5, 500, null));
    }

    @Test
    void clientErrorsAreFinalAndNoCallIsTriedMoreThanTheAttemptLimit() {
        assertEquals(Optional.empty(), policy.waitBeforeRetry(1, 401, null));
        assertEquals(Optional.empty(), policy.waitBeforeRetry(1, 404, null));
        assertEquals(Optional.empty(), policy.waitBeforeRetry(4, 503, null));
        assertEquals(Optional.empty(), policy.waitBeforeRetry(4, 429, "1"));
    }
}
