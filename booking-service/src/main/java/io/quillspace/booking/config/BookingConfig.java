package io.quillspace.booking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Typed configuration of booking-service ({@code quillspace.booking.*}). */
@ConfigMapping(prefix = "quillspace.booking")
public interface BookingConfig {

    DeliveryLog deliveryLog();

    ClientData clientData();

    interface ClientData {
        /** How long an assembled export is kept for its requester to fetch; past it, it is purged. */
        @WithDefault("7d")
        Duration exportRetention();

        /** Time between purges of exports past the retention ({@code off} disables them). */
        @WithDefault("1h")
        String purgeInterval();

        /** The services whose parts make an export complete. */
        @WithDefault("booking,email,project")
        List<String> exportServices();
    }

    interface DeliveryLog {
        /**
         * How long a processed delivery's id is kept for dedupe. Past it, a replay still changes nothing (the
         * lifecycle's stale rule); Calendly itself retries for 24 hours only.
         */
        @WithDefault("30d")
        Duration retention();

        /** Time between purges of entries past the retention ({@code off} disables them). */
        @WithDefault("1h")
        String purgeInterval();
    }
}
