package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quillspace.booking.entity.User;
import io.quillspace.shared.identity.UserIds;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /**
     * The tenant's user with this e-mail, created if new with the id the gateway also derives ({@link UserIds}).
     * Insert-or-ignore, so two bookings of a new client processed at once still make one user.
     */
    public Uni<User> findOrCreate(UUID tenantId, String email, String name) {
        String normalized = UserIds.normalizedEmail(email);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                insert into users (id, tenant_id, email, name, created_at)
                                values (:id, :tenant, :email, :name, now())
                                on conflict (tenant_id, email) do nothing""")
                        .setParameter("id", UserIds.forEmail(tenantId, normalized))
                        .setParameter("tenant", tenantId)
                        .setParameter("email", normalized)
                        .setParameter("name", name)
                        .executeUpdate())
                .chain(() -> find("tenantId = ?1 and email = ?2", tenantId, normalized).singleResult());
    }
}
