package io.quillspace.ingress.service;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a studio's sweep starts reading ({@code min_start_time}); it always reads to the end of time. The first sweep
 * reads the whole look-back; later ones read from where the previous completed sweep started, less the overlap, so a
 * restart re-reads hours, not the whole window. Never further back than the look-back.
 */
final class SweepWindow {

    private SweepWindow() {
    }

    static Instant start(Instant now, Instant previousSweepStartedAt, Duration lookback, Duration overlap) {
        Instant earliest = now.minus(lookback);
        if (previousSweepStartedAt == null) {
            return earliest;
        }
        Instant fromWatermark = previousSweepStartedAt.minus(overlap);
        return fromWatermark.isAfter(earliest) ? fromWatermark : earliest;
    }
}
