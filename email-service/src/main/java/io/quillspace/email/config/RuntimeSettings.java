package io.quillspace.email.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settings only the running service needs, required when it starts rather than by the configuration mapping: the
 * migration step runs the same jar with {@code quarkus.init-and-exit}, which exits before start-up and must not be
 * handed runtime secrets.
 */
@Singleton
public class RuntimeSettings {

    void requireAtStart(@Observes StartupEvent start, EmailConfig config) {
        List<String> missing = missing(config.unsubscribe().secret());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.join("; ", missing));
        }
    }

    /** One message per absent setting, worded as SmallRye words its own (SRCFG00014) so operators grep one phrase. */
    static List<String> missing(Optional<String> unsubscribeSecret) {
        List<String> missing = new ArrayList<>(1);
        if (unsubscribeSecret.filter(secret -> !secret.isBlank()).isEmpty()) {
            missing.add("The config property quillspace.email.unsubscribe.secret is required to sign unsubscribe links"
                    + " (environment variable QUILLSPACE_EMAIL_UNSUBSCRIBE_SECRET)");
        }
        return missing;
    }
}
