package io.quillspace.email.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed configuration of email-service ({@code quillspace.email.*}). */
@ConfigMapping(prefix = "quillspace.email")
public interface EmailConfig {

    /** How often due jobs are looked for. */
    Duration dispatchInterval();

    /** Jobs sent per tenant per pass. */
    @WithDefault("50")
    int batchSize();

    /** Sending attempts before a job is marked FAILED. */
    @WithDefault("5")
    int maxAttempts();

    /** Delay before retry n is n times this. */
    @WithDefault("30s")
    Duration retryBackoff();
}
