package io.quillspace.email;

import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;

/**
 * Tests that follow one client's booking emails with the clock pinned at {@link #NOW}, a Monday morning in 2030, and
 * moved by hand; each test gets a fresh studio and client.
 */
abstract class AtFixedTime {

    static final Instant NOW = Instant.parse("2030-06-03T10:00:00Z");

    @Inject
    SettableClock clock;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    BookingEmails client;

    @BeforeEach
    void pinTheClockAndOpenAClient() {
        clock.pin(NOW);
        client = new BookingEmails(bootstrapServers);
    }

    @AfterEach
    void releaseTheClockAndCloseTheClient() {
        clock.release();
        client.close();
    }
}
