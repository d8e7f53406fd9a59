package io.quillspace.email.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/** Typed configuration of email-service ({@code quillspace.email.*}). */
@ConfigMapping(prefix = "quillspace.email")
public interface EmailConfig {

    /**
     * How often every tenant is checked for due jobs: the safety net for future and retried jobs; a job due when it
     * is committed is sent at once.
     */
    Duration dispatchInterval();

    /** Jobs claimed per tenant per pass. */
    @WithDefault("50")
    int batchSize();

    /** Jobs of one pass decided and rendered side by side; their SMTP hand-offs wait for {@link Smtp#connections()}. */
    @WithDefault("4")
    int sendConcurrency();

    /**
     * How long a claim lasts: a worker that crashed mid-send leaves its jobs to others after this. Renewed for each job
     * just before its SMTP hand-off, so it must outlast one send: longer than the {@link Smtp} send time-out.
     */
    @WithDefault("45s")
    Duration lease();

    /** Time-outs of the SMTP client, shorter than the {@link #lease()} (the Vert.x mail client has none of its own). */
    Smtp smtp();

    /** Attempts the SMTP server answered (an unreachable server does not count) before a job is FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** Backoff after a failed attempt: exponential from {@code first}, capped at {@code max}, jittered. */
    Retry retry();

    /** Non-transactional email (follow-ups) waits for the recipient's daytime. */
    QuietHoursConfig quietHours();

    /**
     * How long a sent proposal waits for its booking to arrive (the booking topic may lag behind the proposal topic)
     * before it is dead-lettered with that reason.
     */
    @WithDefault("1h")
    Duration orphanProposalWait();

    /** How often waiting proposals are rechecked (a booking's arrival also releases its proposals at once). */
    @WithDefault("30s")
    Duration orphanProposalCheck();

    /** The frontend's address, for links to what a client reads there (a proposal). */
    String appUrl();

    /** Unsubscribe links of non-transactional email. */
    Unsubscribe unsubscribe();

    interface Retry {
        @WithDefault("30s")
        Duration first();

        @WithDefault("1h")
        Duration max();

        /** Delay while the SMTP server cannot be reached at all; attempts are not counted meanwhile. */
        @WithDefault("30s")
        Duration whileUnreachable();
    }

    interface Smtp {
        /** Opening the connection to the relay. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Waiting for any byte of the relay's next answer; a silent relay is cut off after it. */
        @WithDefault("15s")
        Duration idleTimeout();

        /** One whole send, from taking a connection to the relay's acceptance; shorter than the lease. */
        @WithDefault("30s")
        Duration sendTimeout();

        /**
         * Sends in flight at once per replica, each on a connection of its own. One by default: a replica killed
         * between the relay's acceptance and its record then repeats at most one email (same Message-ID) when the
         * job's lease runs out; replicas, not connections, add throughput.
         */
        @WithDefault("1")
        int connections();
    }

    interface QuietHoursConfig {
        @WithDefault("21:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();
    }

    interface Unsubscribe {
        /** Where recipients reach {@code /unsubscribe} of this service from the internet. */
        String baseUrl();

        /**
         * Key of the HMAC that makes an unsubscribe link unforgeable (a Secret in production). Optional here so that the
         * migration step (init container, {@code quarkus.init-and-exit}) runs without it; {@link RuntimeSettings}
         * requires it when the service starts.
         */
        Optional<String> secret();
    }
}
