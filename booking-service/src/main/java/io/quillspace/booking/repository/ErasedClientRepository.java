package io.quillspace.booking.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.shared.sql.JsonRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** The bound tenant's clients whose personal data was erased (V9 {@code erased_clients}). */
@ApplicationScoped
public class ErasedClientRepository {

    /** Which of these clients were erased; call inside a tenant transaction. */
    public Uni<Set<UUID>> among(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select user_id from erased_clients where user_id in "
                                + "(select cast(jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)) as uuid))", UUID.class)
                .setParameter("ids", JsonRows.array(userIds))
                .getResultList())
                .map(Set::copyOf);
    }
}
