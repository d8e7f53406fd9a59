package io.quillspace.shared.tenancy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way to run tenant-scoped database work. It opens a transaction and, as its first statement, binds tenant,
 * user and role with {@code set_config(..., true)}: bound parameters (never SQL text) and transaction-local, so a
 * pooled connection forgets them at commit or rollback. Work that bypasses this helper sees no tenant rows, because
 * every policy compares with {@code NULLIF(current_setting(..., true), '')}, which is NULL when nothing is bound.
 */
public final class TenantTransactions {

    private static final Logger LOG = Logger.getLogger(TenantTransactions.class);

    public static final String TENANT_SETTING = "app.current_tenant_id";
    public static final String USER_SETTING = "app.current_user_id";
    public static final String ROLE_SETTING = "app.current_role";

    private static final String BIND_SQL = "select set_config('" + TENANT_SETTING + "', :tenant, true),"
            + " set_config('" + USER_SETTING + "', :user, true),"
            + " set_config('" + ROLE_SETTING + "', :role, true)";

    private TenantTransactions() {
    }

    /** Runs {@code work} in a new (or the current) transaction bound to {@code context}. */
    public static <T> Uni<T> inTenant(TenantContext context, Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(BIND_SQL)
                        .setParameter("tenant", context.tenantId().toString())
                        .setParameter("user", context.userId().map(Object::toString).orElse(""))
                        .setParameter("role", context.role().setting())
                        .getSingleResult())
                .chain(ignored -> work.get()));
    }

    /** Records that the tenant has data here, so background jobs visit it; call inside a tenant transaction. */
    public static Uni<Void> registerTenant(UUID tenantId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into tenants (id) values (:id) on conflict do nothing")
                        .setParameter("id", tenantId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Every tenant with data in this database, for background jobs that then bind one tenant at a time. */
    public static Uni<List<UUID>> knownTenants() {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("select id from tenants order by id", UUID.class)
                        .getResultList()));
    }

    /**
     * Runs {@code work} for every known tenant in turn, for background jobs. One tenant's failure is logged and does
     * not keep the others waiting; the job's next run retries it.
     */
    public static Uni<Void> forEachKnownTenant(String job, Function<UUID, Uni<Void>> work) {
        return knownTenants()
                .onItem().transformToMulti(tenants -> Multi.createFrom().iterable(tenants))
                .onItem().transformToUniAndConcatenate(tenant -> work.apply(tenant)
                        .onFailure().invoke(e -> LOG.warnf("%s for tenant %s failed: %s", job, tenant, e.toString()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }

    /**
     * Resumes on the caller's Vert.x context once {@code operation} completes. Kafka acknowledgements and similar
     * callbacks arrive on foreign threads, and the reactive session may only be used from the context that owns it.
     */
    public static <T> Uni<T> resumeOnCallerContext(Uni<T> operation) {
        Context context = Vertx.currentContext();
        return operation.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
