package io.quillspace.booking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed configuration of booking-service ({@code quillspace.booking.*}). */
@ConfigMapping(prefix = "quillspace.booking")
public interface BookingConfig {

    Outbox outbox();

    interface Outbox {
        /** How often pending events of every tenant are relayed; events are also relayed right after each commit. */
        @WithDefault("5s")
        Duration sweepInterval();

        /** Events relayed per tenant per pass. */
        @WithDefault("100")
        int batchSize();
    }
}
