package io.quillspace.shared.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a service's {@link OutboxRelay} runs ({@code quillspace.outbox.*}). */
@ConfigMapping(prefix = "quillspace.outbox")
public interface OutboxConfig {

    /** How often pending events of every tenant are relayed; events are also relayed right after each commit. */
    @WithDefault("5s")
    Duration sweepInterval();

    /** Events relayed per tenant per pass. */
    @WithDefault("100")
    int batchSize();

    /**
     * Tenants relayed at once (after their commits, and by the sweep). Each pass holds a pooled connection while it
     * waits for the broker, so the bound keeps the API's share of the pool when the broker is slow or gone.
     */
    @WithDefault("2")
    int concurrency();
}
