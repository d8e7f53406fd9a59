package io.quillspace.project.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed configuration of project-service ({@code quillspace.project.*}). */
@ConfigMapping(prefix = "quillspace.project")
public interface ProjectConfig {

    Dashboard dashboard();

    interface Dashboard {
        /** How many days ahead, today included, the dashboard lists deliverables as due soon. */
        @WithDefault("14")
        int dueSoonDays();
    }
}
