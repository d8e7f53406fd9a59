package io.quillspace.ingress.service;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampledRejectionLogTest {

    private final AtomicLong now = new AtomicLong(42);
    private final SampledRejectionLog log = new SampledRejectionLog(Logger.getLogger(getClass()), now::get);

    private static DeliveryRejectedException rejection(Outcome outcome) {
        return new DeliveryRejectedException(outcome, "test");
    }

    @Test
    void aFloodOfOneKindLogsOneLinePerSecond() {
        assertTrue(log.log("studio", rejection(Outcome.UNAUTHORIZED)));
        for (int i = 0; i < 1_000; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(0) + 500_000);
            assertFalse(log.log("studio", rejection(Outcome.UNAUTHORIZED)), "within the second");
        }
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertTrue(log.log("studio", rejection(Outcome.UNAUTHORIZED)), "the next second logs again");
    }

    @Test
    void eachKindHasItsOwnAllowance() {
        assertTrue(log.log("studio", rejection(Outcome.UNAUTHORIZED)));
        assertTrue(log.log("unknown", rejection(Outcome.UNKNOWN_TENANT)));
        assertFalse(log.log("studio", rejection(Outcome.UNAUTHORIZED)));
    }
}
