package io.quillspace.ingress.connection;

import io.quillspace.ingress.entity.CalendlyConnection;
import io.quillspace.ingress.entity.SigningKey;
import io.quillspace.ingress.entity.Studio;
import io.quillspace.ingress.repository.ConnectionRepository;
import io.quillspace.ingress.repository.StudioRepository;
import io.quillspace.ingress.studio.StudioHistory;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Studios' Calendly connections and signing keys as stored: sealed on the way in, opened on the way out. */
@ApplicationScoped
public class ConnectionStore {

    private static final Logger LOG = Logger.getLogger(ConnectionStore.class);

    /** A studio's connection, opened: what calling Calendly for it takes. */
    public record Opened(UUID studio, String organization, String user, String token, String subscription,
                         Instant connectedAt) {
    }

    /** A connected studio with its newest signing key, opened: what reconciling and subscribing it take. */
    public record Current(Opened connection, String newestKey) {
    }

    /** What a connection or rotation stored. */
    public record Stored(Opened connection, int generation, Instant previousKeysAcceptedUntil) {
    }

    private final StudioRepository studios;
    private final ConnectionRepository connections;
    private final KeyEncryption encryption;
    private final StudioHistory history;

    public ConnectionStore(StudioRepository studios, ConnectionRepository connections, KeyEncryption encryption,
                           StudioHistory history) {
        this.studios = studios;
        this.connections = connections;
        this.encryption = encryption;
        this.history = history;
    }

    /** The studio, as {@code caller} sees it; fails 404 when absent or deleted. */
    public Uni<Studio> present(TenantContext caller, UUID studio) {
        return TenantTransactions.inTenant(caller, () -> studios.find(studio)).map(ConnectionStore::present);
    }

    /** The studio's connection, opened; empty when it has none. */
    public Uni<Optional<Opened>> connection(TenantContext caller, UUID studio) {
        return TenantTransactions.inTenant(caller, () -> studios.find(studio).map(ConnectionStore::present)
                .chain(() -> connections.connection(studio)))
                .map(found -> Optional.ofNullable(found).map(this::open));
    }

    /**
     * Every connected studio with its newest signing key, opened (reconciliation, the subscription check). A studio
     * whose values cannot be opened (a KEK removed before its re-sealing) is logged and left out.
     */
    public Uni<List<Current>> allCurrent() {
        return StudioRepository.asPlatform(() -> connections.allConnections()
                .chain(found -> connections.allKeys().map(keys -> {
                    Map<UUID, SigningKey> newest = newestByStudio(keys);
                    List<Current> current = new ArrayList<>();
                    for (CalendlyConnection row : found) {
                        SigningKey key = newest.get(row.tenantId);
                        try {
                            if (key != null) {
                                current.add(new Current(open(row), openKey(key)));
                            }
                        } catch (KeyEncryption.UnsealableException e) {
                            LOG.errorf("Calendly connection of studio %s cannot be opened: %s", row.tenantId, e.getMessage());
                        }
                    }
                    return current;
                })));
    }

    /** The studio's connection with its newest key, as {@code caller} sees it; empty when it has none. */
    public Uni<Optional<Current>> current(TenantContext caller, UUID studio) {
        return TenantTransactions.inTenant(caller, () -> studios.find(studio).map(ConnectionStore::present)
                .chain(() -> connections.connection(studio))
                .chain(row -> row == null ? Uni.createFrom().item(Optional.<Current>empty())
                        : connections.keysOf(studio).map(keys -> Optional.ofNullable(newestByStudio(keys).get(studio))
                                .map(key -> new Current(open(row), openKey(key))))));
    }

    private static Map<UUID, SigningKey> newestByStudio(List<SigningKey> keys) {
        return keys.stream().collect(Collectors.toMap(key -> key.tenantId, key -> key,
                (one, other) -> one.generation >= other.generation ? one : other));
    }

    private String openKey(SigningKey key) {
        return SigningKeys.opened(encryption, key);
    }

    /**
     * Stores the studio's connection and {@code newKey} as its next signing-key generation; every key accepted without
     * end until now is accepted until {@code now + overlap}. The studio is locked meanwhile, so two changes take turns,
     * and its history records {@code change} (with the caller) in the same transaction.
     */
    public Uni<Stored> replace(TenantContext caller, Opened connection, String newKey, Instant now, Duration overlap,
                               String change) {
        UUID id = connection.studio();
        Instant retiredUntil = now.plus(overlap);
        StudioHistory.Actor actor = history.currentActor();
        return TenantTransactions.inTenant(caller, () -> studios.findForChange(id).map(ConnectionStore::present)
                .call(studio -> history.record(studio, change, null, actor, now))
                .chain(() -> connections.connection(id))
                .chain(stored -> {
                    CalendlyConnection row = stored != null ? stored : new CalendlyConnection();
                    KeyEncryption.Sealed token = encryption.sealText(id, KeyEncryption.TOKEN, connection.token());
                    row.organization = connection.organization();
                    row.calendlyUser = connection.user();
                    row.token = token.ciphertext();
                    row.tokenKek = token.kekId();
                    row.subscription = connection.subscription();
                    row.updatedAt = now;
                    if (stored != null) {
                        return Uni.createFrom().item(row);
                    }
                    row.tenantId = id;
                    row.connectedAt = now;
                    return connections.persist(row).replaceWith(row);
                })
                .chain(row -> connections.keysOf(id).chain(keys -> {
                    keys.stream().filter(key -> key.acceptedUntil == null || key.acceptedUntil.isAfter(retiredUntil))
                            .forEach(key -> key.acceptedUntil = retiredUntil);
                    int generation = keys.stream().map(key -> key.generation).max(Comparator.naturalOrder()).orElse(0) + 1;
                    SigningKey key = SigningKeys.sealed(encryption, id, generation, newKey, now);
                    return connections.persist(key).replaceWith(new Stored(new Opened(id, row.organization,
                            row.calendlyUser, connection.token(), row.subscription, row.connectedAt), generation,
                            keys.isEmpty() ? null : retiredUntil));
                })));
    }

    private Opened open(CalendlyConnection row) {
        String token = encryption.openText(row.tenantId, KeyEncryption.TOKEN, new KeyEncryption.Sealed(row.tokenKek, row.token));
        return new Opened(row.tenantId, row.organization, row.calendlyUser, token, row.subscription, row.connectedAt);
    }

    private static Studio present(Studio studio) {
        if (studio == null || studio.status == Studio.Status.DELETED) {
            throw new NotFoundException("no studio of that id");
        }
        return studio;
    }
}
