package io.quillspace.ingress.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SweepWindowTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration LOOKBACK = Duration.ofDays(7);
    static final Duration OVERLAP = Duration.ofHours(24);

    @Test
    void theFirstSweepReadsTheWholeLookBack() {
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), SweepWindow.start(NOW, null, LOOKBACK, OVERLAP));
    }

    @Test
    void laterSweepsReadFromThePreviousStartLessTheOverlap() {
        assertEquals(Instant.parse("2026-11-30T09:45:00Z"),
                SweepWindow.start(NOW, Instant.parse("2026-12-01T09:45:00Z"), LOOKBACK, OVERLAP));
    }

    @Test
    void aWatermarkOlderThanTheLookBackNeverWidensTheWindow() {
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"),
                SweepWindow.start(NOW, Instant.parse("2026-10-01T00:00:00Z"), LOOKBACK, OVERLAP));
    }
}
