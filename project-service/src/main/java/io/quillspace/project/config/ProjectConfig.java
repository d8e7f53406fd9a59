package io.quillspace.project.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed configuration of project-service ({@code quillspace.project.*}). */
@ConfigMapping(prefix = "quillspace.project")
public interface ProjectConfig {

    Outbox outbox();

    Dashboard dashboard();

    interface Dashboard {
        /** How many days ahead, today included, the dashboard lists deliverables as due soon. */
        @WithDefault("14")
        int dueSoonDays();
    }

    interface Outbox {
        /** How often pending events of every tenant are relayed; events are also relayed right after each commit. */
        @WithDefault("5s")
        Duration sweepInterval();

        /** Events relayed per tenant per pass. */
        @WithDefault("100")
        int batchSize();
    }
}
