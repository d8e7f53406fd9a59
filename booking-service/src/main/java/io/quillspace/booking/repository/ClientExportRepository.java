package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Clients' exports (V9 {@code client_exports}) and the users they are about; call inside a tenant transaction. */
@ApplicationScoped
public class ClientExportRepository {

    /** Whether the bound caller sees this user: an admin sees the tenant's, a client only themself. */
    public Uni<Boolean> userVisible(UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "select count(*) from users where id = :user", Long.class)
                        .setParameter("user", userId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    public Uni<Void> create(UUID tenantId, UUID requestId, UUID userId, UUID requestedBy, Instant requestedAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into client_exports (id, tenant_id, user_id, requested_by, requested_at, updated_at)
                                values (:id, :tenant, :user, :by, :at, :at)""")
                        .setParameter("id", requestId)
                        .setParameter("tenant", tenantId)
                        .setParameter("user", userId)
                        .setParameter("by", requestedBy)
                        .setParameter("at", requestedAt)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The export as one JSON object ({@code requestedBy, requestedAt, updatedAt, parts}), or null when there is none
     * requested after {@code notBefore}.
     */
    public Uni<String> find(UUID userId, UUID requestId, Instant notBefore) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                select cast(jsonb_build_object('requestedBy', requested_by, 'requestedAt', requested_at,
                                                               'updatedAt', updated_at, 'parts', parts) as text)
                                from client_exports
                                where id = :id and user_id = :user and requested_at >= :notBefore""", String.class)
                        .setParameter("id", requestId)
                        .setParameter("user", userId)
                        .setParameter("notBefore", notBefore)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Deletes the exports requested before {@code cutoff}; answers how many went. */
    public Uni<Integer> purgeRequestedBefore(Instant cutoff) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "delete from client_exports where requested_at < :cutoff")
                        .setParameter("cutoff", cutoff)
                        .executeUpdate());
    }
}
