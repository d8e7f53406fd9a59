package io.quillspace.ingress.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.ingress.entity.CalendlyConnection;
import io.quillspace.ingress.entity.SigningKey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Studios' Calendly connections and signing keys. One studio's rows are read and changed inside its tenant
 * transaction; what spans studios (the key cache's full load, KEK re-sealing) runs {@link StudioRepository#asPlatform}.
 */
@ApplicationScoped
public class ConnectionRepository {

    /** The studio's connection; null when it has none. */
    public Uni<CalendlyConnection> connection(UUID studio) {
        return Panache.getSession().chain(session -> session.find(CalendlyConnection.class, studio));
    }

    /** The studio's signing keys, oldest generation first. */
    public Uni<List<SigningKey>> keysOf(UUID studio) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "from SigningKey where tenantId = :studio order by generation", SigningKey.class)
                .setParameter("studio", studio)
                .getResultList());
    }

    /** Every studio's signing keys; call {@link StudioRepository#asPlatform}. */
    public Uni<List<SigningKey>> allKeys() {
        return Panache.getSession().chain(session -> session.createQuery(
                "from SigningKey order by tenantId, generation", SigningKey.class).getResultList());
    }

    /** Every connection; call {@link StudioRepository#asPlatform}. */
    public Uni<List<CalendlyConnection>> allConnections() {
        return Panache.getSession().chain(session -> session.createQuery(
                "from CalendlyConnection order by tenantId", CalendlyConnection.class).getResultList());
    }

    /** Connections whose token another KEK than {@code kek} sealed, locked; call {@link StudioRepository#asPlatform}. */
    public Uni<List<CalendlyConnection>> connectionsNotSealedBy(String kek) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "from CalendlyConnection where tokenKek <> :kek", CalendlyConnection.class)
                .setParameter("kek", kek)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList());
    }

    /** Signing keys another KEK than {@code kek} sealed, locked; call {@link StudioRepository#asPlatform}. */
    public Uni<List<SigningKey>> keysNotSealedBy(String kek) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "from SigningKey where signingKeyKek <> :kek", SigningKey.class)
                .setParameter("kek", kek)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList());
    }

    /** Inserts the key unless the studio has that generation (another replica seeded it); true when this call did. */
    public Uni<Boolean> insertIfAbsent(SigningKey key) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into signing_keys (tenant_id, generation, signing_key, signing_key_kek, created_at)
                                values (:studio, :generation, :key, :kek, :created) on conflict do nothing""")
                        .setParameter("studio", key.tenantId)
                        .setParameter("generation", key.generation)
                        .setParameter("key", key.signingKey)
                        .setParameter("kek", key.signingKeyKek)
                        .setParameter("created", key.createdAt)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * Inserts a configured studio's connection (no checked user) unless the studio has one (another replica seeded
     * it, or its admin connected it).
     */
    public Uni<Boolean> insertConfiguredIfAbsent(CalendlyConnection connection) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into calendly_connections (tenant_id, organization, calendly_user, token, token_kek,
                                    connected_at, updated_at)
                                values (:studio, :organization, null, :token, :kek, :at, :at) on conflict do nothing""")
                        .setParameter("studio", connection.tenantId)
                        .setParameter("organization", connection.organization)
                        .setParameter("token", connection.token)
                        .setParameter("kek", connection.tokenKek)
                        .setParameter("at", connection.connectedAt)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    public Uni<Void> persist(Object entity) {
        return Panache.getSession().chain(session -> session.persist(entity));
    }
}
