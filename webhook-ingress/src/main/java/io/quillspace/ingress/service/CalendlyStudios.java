package io.quillspace.ingress.service;

import io.quillspace.ingress.connection.ConfiguredStudios;
import io.quillspace.ingress.connection.ConnectionStore;
import io.quillspace.shared.tenancy.TenantContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The registry's studios that have a Calendly connection (a token and an organization): the ones reconciled and
 * watched. Read from the registry at each use, so a studio connected on any replica is swept by the next pass.
 */
@ApplicationScoped
public class CalendlyStudios {

    private static final Logger LOG = Logger.getLogger(CalendlyStudios.class);

    /**
     * @param slug        the studio's webhook path segment: its configured slug, else its id
     * @param callbackUrl where this studio's webhooks arrive: the URL its subscription must point at
     * @param signingKey  the newest key, the one a new subscription gets
     */
    public record Studio(String slug, UUID tenantId, String apiToken, String organization, String callbackUrl,
                         String signingKey) {
    }

    private final ConnectionStore store;
    private final ConfiguredStudios paths;

    public CalendlyStudios(ConnectionStore store, ConfiguredStudios paths) {
        this.store = store;
        this.paths = paths;
    }

    /** Every connected studio, by slug. */
    public Uni<List<Studio>> all() {
        return store.allCurrent().map(current -> current.stream().map(this::studio)
                .sorted(Comparator.comparing(Studio::slug)).toList());
    }

    /**
     * Runs {@code work} for every connected studio, one after the other; completes with the non-null results.
     * A studio whose work fails is logged as {@code job} and left out, and the others go on.
     */
    public <T> Uni<List<T>> eachInTurn(String job, Function<Studio, Uni<T>> work) {
        return all().onItem().transformToMulti(studios -> Multi.createFrom().iterable(studios))
                .onItem().transformToUniAndConcatenate(studio -> work.apply(studio)
                        .onFailure().invoke(failure -> LOG.warnf("%s of studio %s failed, the next run retries: %s",
                                job, studio.slug(), failure.toString()))
                        .onFailure().recoverWithNull())
                .collect().asList();
    }

    /**
     * The connected studio at webhook path {@code slug}, as seen by {@code caller}: another tenant's studio is as
     * absent as an unknown one.
     */
    public Uni<Studio> forCaller(String slug, TenantContext caller) {
        UUID id = paths.studioOf(slug).filter(caller.tenantId()::equals).orElse(null);
        if (id == null) {
            return Uni.createFrom().failure(new UnknownStudioException(slug));
        }
        return store.current(caller, id)
                .map(found -> studio(found.orElseThrow(() -> new CalendlyNotConfiguredException(slug))));
    }

    private Studio studio(ConnectionStore.Current current) {
        ConnectionStore.Opened connection = current.connection();
        UUID id = connection.studio();
        return new Studio(paths.slugOf(id), id, connection.token(), connection.organization(), paths.callbackUrl(id),
                current.newestKey());
    }

    /** No studio of that name (for this caller). */
    public static class UnknownStudioException extends RuntimeException {
        public UnknownStudioException(String slug) {
            super("no studio '" + slug + "' is known for your tenant");
        }
    }

    /** The studio exists but has no Calendly connection. */
    public static class CalendlyNotConfiguredException extends RuntimeException {
        public CalendlyNotConfiguredException(String slug) {
            super("studio '" + slug + "' has no Calendly connection (PUT /studios/{id}/calendly)");
        }
    }
}
