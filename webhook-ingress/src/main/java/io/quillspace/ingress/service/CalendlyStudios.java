package io.quillspace.ingress.service;

import io.quillspace.ingress.config.IngressConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The configured studios that have Calendly API access (a token and an organization): the ones reconciled and watched. */
@ApplicationScoped
public class CalendlyStudios {

    private static final Logger LOG = Logger.getLogger(CalendlyStudios.class);

    /**
     * @param callbackUrl where this studio's webhooks arrive: the URL its subscription must point at
     * @param signingKey  the newest configured key (keys are listed old,new), the one a new subscription gets
     */
    public record Studio(String slug, UUID tenantId, String apiToken, String organization, String callbackUrl,
                         String signingKey) {
    }

    private final IngressConfig config;

    public CalendlyStudios(IngressConfig config) {
        this.config = config;
    }

    /** Every studio with API access, by slug. */
    public List<Studio> all() {
        return config.tenants().keySet().stream().sorted()
                .filter(slug -> hasApiAccess(config.tenants().get(slug)))
                .map(this::studio)
                .toList();
    }

    /**
     * Runs {@code work} for every studio with API access, one after the other; completes with the non-null results.
     * A studio whose work fails is logged as {@code job} and left out, and the others go on.
     */
    public <T> Uni<List<T>> eachInTurn(String job, Function<Studio, Uni<T>> work) {
        return Multi.createFrom().iterable(all())
                .onItem().transformToUniAndConcatenate(studio -> work.apply(studio)
                        .onFailure().invoke(failure -> LOG.warnf("%s of studio %s failed, the next run retries: %s",
                                job, studio.slug(), failure.toString()))
                        .onFailure().recoverWithNull())
                .collect().asList();
    }

    /**
     * The studio with API access named {@code slug}, as seen by a caller of {@code tenantId}: another tenant's studio
     * is as absent as an unknown one.
     */
    public Studio forCaller(String slug, UUID callerTenant) {
        IngressConfig.Tenant tenant = config.tenants().get(slug);
        if (tenant == null || !tenant.id().equals(callerTenant)) {
            throw new UnknownStudioException(slug);
        }
        if (!hasApiAccess(tenant)) {
            throw new CalendlyNotConfiguredException(slug);
        }
        return studio(slug);
    }

    private Studio studio(String slug) {
        IngressConfig.Tenant tenant = config.tenants().get(slug);
        List<String> keys = tenant.signingKeys();
        String base = config.calendly().callbackBaseUrl();
        return new Studio(slug, tenant.id(), tenant.apiToken().orElseThrow(), tenant.organization().orElseThrow(),
                (base.endsWith("/") ? base : base + "/") + slug, keys.get(keys.size() - 1));
    }

    private static boolean hasApiAccess(IngressConfig.Tenant tenant) {
        return tenant.apiToken().filter(token -> !token.isBlank()).isPresent()
                && tenant.organization().filter(organization -> !organization.isBlank()).isPresent();
    }

    /** No configured studio of that name (for this caller). */
    public static class UnknownStudioException extends RuntimeException {
        public UnknownStudioException(String slug) {
            super("no studio '" + slug + "' is configured for your tenant");
        }
    }

    /** The studio exists but has no Calendly API token or organization configured. */
    public static class CalendlyNotConfiguredException extends RuntimeException {
        public CalendlyNotConfiguredException(String slug) {
            super("studio '" + slug + "' has no Calendly API token or organization configured");
        }
    }
}
