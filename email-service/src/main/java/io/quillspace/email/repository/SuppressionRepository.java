package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.shared.identity.UserIds;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Addresses of the bound tenant that unsubscribed from non-transactional email, stored and compared in their one
 * normalized spelling: a client who books as {@code Maria@Example.com} and unsubscribes as {@code maria@example.com}
 * is the same recipient.
 */
@ApplicationScoped
public class SuppressionRepository {

    public Uni<Void> add(UUID tenantId, String email) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into email_suppressions (tenant_id, email) values (:tenant, :email) on conflict do nothing""")
                        .setParameter("tenant", tenantId)
                        .setParameter("email", UserIds.normalizedEmail(email))
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Boolean> isSuppressed(String email) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select exists (select 1 from email_suppressions where email = :email)", Boolean.class)
                .setParameter("email", UserIds.normalizedEmail(email))
                .getSingleResult());
    }
}
