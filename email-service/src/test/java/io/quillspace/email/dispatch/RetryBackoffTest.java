package io.quillspace.email.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void doublesWithEachAttemptAroundItsMiddle() {
        assertEquals(Duration.ofSeconds(30), backoff.after(1, 0.5));
        assertEquals(Duration.ofSeconds(60), backoff.after(2, 0.5));
        assertEquals(Duration.ofSeconds(120), backoff.after(3, 0.5));
    }

    @Test
    void isCappedEvenForManyAttempts() {
        assertEquals(Duration.ofHours(1), backoff.after(9, 0.5));
        assertEquals(Duration.ofHours(1), backoff.after(100, 0.5));
    }

    @Test
    void jitterSpreadsRetriesByTwentyPercentEitherWay() {
        assertEquals(Duration.ofSeconds(24), backoff.after(1, 0.0));
        assertEquals(Duration.ofSeconds(36), backoff.after(1, 1.0));
    }
}
