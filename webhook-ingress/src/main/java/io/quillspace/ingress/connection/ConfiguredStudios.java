package io.quillspace.ingress.connection;

import io.quillspace.ingress.config.IngressConfig;
import io.quillspace.ingress.entity.CalendlyConnection;
import io.quillspace.ingress.entity.SigningKey;
import io.quillspace.ingress.repository.ConnectionRepository;
import io.quillspace.ingress.studio.StudioService;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The studios of configuration ({@code quillspace.ingress.tenants.<slug>}: the local fleet's, the tests', a deployment
 * from before the registry). Each becomes a registry entry with its signing keys (listed old,new: generations 1, 2, ...)
 * and, given a token and an organization, its Calendly connection, each sealed, and each only where the registry has
 * none: from then on the registry is the truth, and a connection or rotation through the API is not undone at the
 * next start. Their webhooks keep arriving under their slug.
 */
@ApplicationScoped
public class ConfiguredStudios {

    private final IngressConfig config;
    private final StudioService registry;
    private final ConnectionRepository connections;
    private final KeyEncryption encryption;
    private final Clock clock;

    public ConfiguredStudios(IngressConfig config, StudioService registry, ConnectionRepository connections,
                             KeyEncryption encryption, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.connections = connections;
        this.encryption = encryption;
        this.clock = clock;
    }

    /** The studio whose webhooks arrive under {@code slug}: a configured one's slug, or a registry studio's id. */
    public Optional<UUID> studioOf(String slug) {
        IngressConfig.Tenant tenant = config.tenants().get(slug);
        if (tenant != null) {
            return Optional.of(tenant.id());
        }
        try {
            return Optional.of(UUID.fromString(slug));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The webhook path segment of the studio: its configured slug if it has one, else its id. */
    public String slugOf(UUID studio) {
        return config.tenants().entrySet().stream().filter(entry -> entry.getValue().id().equals(studio))
                .map(Map.Entry::getKey).findFirst().orElse(studio.toString());
    }

    /** Where the studio's webhooks arrive: {@code <callback-base-url>/<slug>}. */
    public String callbackUrl(UUID studio) {
        String base = config.calendly().callbackBaseUrl();
        return (base.endsWith("/") ? base : base + "/") + slugOf(studio);
    }

    /** Seeds every configured studio the registry lacks, with what it lacks (idempotent: every replica may). */
    Uni<Void> seed() {
        return Multi.createFrom().iterable(config.tenants().entrySet())
                .onItem().transformToUniAndConcatenate(entry -> seed(entry.getKey(), entry.getValue()))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> seed(String slug, IngressConfig.Tenant tenant) {
        UUID id = tenant.id();
        Instant now = clock.instant();
        return registry.seed(id, slug).chain(() -> TenantTransactions.inTenant(TenantContext.service(id),
                () -> connections.keysOf(id)
                        .chain(existing -> existing.isEmpty() ? insertKeys(id, tenant.signingKeys(), now)
                                : Uni.createFrom().voidItem())
                        .chain(() -> hasApiAccess(tenant)
                                ? connections.insertConfiguredIfAbsent(connection(id, tenant, now)).replaceWithVoid()
                                : Uni.createFrom().voidItem())));
    }

    /** The configured studio has a Calendly API token and organization: it is seeded connected. */
    public static boolean hasApiAccess(IngressConfig.Tenant tenant) {
        return tenant.apiToken().filter(token -> !token.isBlank()).isPresent()
                && tenant.organization().filter(organization -> !organization.isBlank()).isPresent();
    }

    private Uni<Void> insertKeys(UUID studio, List<String> keys, Instant now) {
        return Multi.createFrom().range(0, keys.size())
                .onItem().transformToUniAndConcatenate(index -> connections.insertIfAbsent(
                        SigningKeys.sealed(encryption, studio, index + 1, keys.get(index), now)))
                .collect().last()
                .replaceWithVoid();
    }

    private CalendlyConnection connection(UUID studio, IngressConfig.Tenant tenant, Instant now) {
        KeyEncryption.Sealed token = encryption.sealText(studio, KeyEncryption.TOKEN, tenant.apiToken().orElseThrow());
        CalendlyConnection connection = new CalendlyConnection();
        connection.tenantId = studio;
        connection.organization = tenant.organization().orElseThrow();
        connection.token = token.ciphertext();
        connection.tokenKek = token.kekId();
        connection.connectedAt = now;
        connection.updatedAt = now;
        return connection;
    }
}
