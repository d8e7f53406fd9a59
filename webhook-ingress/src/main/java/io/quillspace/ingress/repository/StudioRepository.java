package io.quillspace.ingress.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.ingress.entity.Studio;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The studio registry. A studio's own row is read and changed inside its tenant transaction (TenantTransactions);
 * what spans studios (the operator's list, the webhook door's statuses) runs {@link #asPlatform}.
 */
@ApplicationScoped
public class StudioRepository {

    /** The role the registry's policy lets see every studio; it sees no tenant's rows of any other table. */
    static final String PLATFORM_ROLE = "platform";

    /** Runs {@code work} in a transaction bound to the platform role and no tenant. */
    public static <T> Uni<T> asPlatform(Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("select set_config('app.current_role', :role, true)")
                        .setParameter("role", PLATFORM_ROLE)
                        .getSingleResult())
                .chain(ignored -> work.get()));
    }

    /** The studio, locked until the transaction ends so concurrent changes take turns; null when absent. */
    public Uni<Studio> findForChange(UUID id) {
        return Panache.getSession().chain(session -> session.find(Studio.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Uni<Studio> find(UUID id) {
        return Panache.getSession().chain(session -> session.find(Studio.class, id));
    }

    public Uni<Void> persist(Studio studio) {
        return Panache.getSession().chain(session -> session.persist(studio));
    }

    /** Studios not deleted, oldest first; call {@link #asPlatform}. */
    public Uni<List<Studio>> page(int page, int size) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "from Studio where status <> :deleted order by createdAt, id", Studio.class)
                .setParameter("deleted", Studio.Status.DELETED)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList());
    }

    /** How many studios are not deleted; call {@link #asPlatform}. */
    public Uni<Long> countListed() {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select count(*) from Studio where status <> :deleted", Long.class)
                .setParameter("deleted", Studio.Status.DELETED)
                .getSingleResult());
    }

    /** Every studio's status; call {@link #asPlatform}. */
    public Uni<List<Object[]>> statuses() {
        return Panache.getSession().chain(session -> session.createNativeQuery("select id, status from studios",
                Object[].class).getResultList());
    }

    /**
     * Inserts the studio unless one with its id exists (a start-up seeding another replica or an earlier start did);
     * true when this call inserted it.
     */
    public Uni<Boolean> insertIfAbsent(Studio studio) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into studios (id, name, time_zone, status, version)
                                values (:id, :name, :zone, :status, :version) on conflict (id) do nothing""")
                        .setParameter("id", studio.id)
                        .setParameter("name", studio.name)
                        .setParameter("zone", studio.timeZone)
                        .setParameter("status", studio.status.value())
                        .setParameter("version", studio.version)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
