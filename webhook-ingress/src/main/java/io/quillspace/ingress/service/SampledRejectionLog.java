package io.quillspace.ingress.service;

import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most one line per second per kind of rejection, saying how many like it went unlogged. A flood of bad deliveries
 * (an attack, a studio with a wrong key) must not become a flood of log lines that fills the async log queue; every
 * rejection is still counted in {@code calendly_webhooks_total}.
 */
final class SampledRejectionLog {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Logger log;
    private final LongSupplier nanoTime;
    private final Map<Outcome, Window> windows = new EnumMap<>(Outcome.class);

    private static final class Window {
        final AtomicLong opensAt = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong unlogged = new AtomicLong();
    }

    SampledRejectionLog(Logger log, LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
        for (Outcome outcome : Outcome.values()) {
            windows.put(outcome, new Window());
        }
    }

    /** Logs the rejection if none of its kind was logged in the last second; otherwise only counts it. */
    boolean log(String tenantTag, DeliveryRejectedException rejected) {
        Window window = windows.get(rejected.outcome());
        long now = nanoTime.getAsLong();
        long opensAt = window.opensAt.get();
        boolean open = opensAt == Long.MIN_VALUE || now - opensAt >= 0;
        if (!open || !window.opensAt.compareAndSet(opensAt, now + WINDOW_NANOS)) {
            window.unlogged.incrementAndGet();
            return false;
        }
        long unlogged = window.unlogged.getAndSet(0);
        if (unlogged == 0) {
            log.infof("rejected delivery for tenant %s: %s (%s)", tenantTag, rejected.outcome().tag(), rejected.getMessage());
        } else {
            log.infof("rejected delivery for tenant %s: %s (%s); %d more %s rejections since the last such line",
                    tenantTag, rejected.outcome().tag(), rejected.getMessage(), unlogged, rejected.outcome().tag());
        }
        return true;
    }
}
