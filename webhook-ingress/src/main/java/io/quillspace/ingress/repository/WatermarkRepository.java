package io.quillspace.ingress.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.ingress.entity.ReconciliationWatermark;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Each studio's reconciliation watermark and sweep lease, read and written in the studio's own tenant transaction. */
@ApplicationScoped
public class WatermarkRepository {

    /** The studio's watermark; null, or one without {@code sweepStartedAt}, before its first completed sweep. */
    public Uni<ReconciliationWatermark> find(UUID tenantId) {
        return TenantTransactions.inTenant(TenantContext.service(tenantId),
                () -> Panache.getSession().chain(session -> session.find(ReconciliationWatermark.class, tenantId)));
    }

    /**
     * Takes the studio's sweep lease until {@code until}, unless another holder's lease lasts beyond {@code now}: one
     * statement, so of replicas claiming at once exactly one wins.
     */
    public Uni<Boolean> claim(UUID tenantId, Instant now, Instant until) {
        return TenantTransactions.inTenant(TenantContext.service(tenantId), () -> TenantTransactions.registerTenant(tenantId)
                .chain(() -> Panache.getSession())
                .chain(session -> session.createNativeQuery("""
                                insert into reconciliation_watermarks (tenant_id, claimed_until) values (:tenant, :until)
                                on conflict (tenant_id) do update set claimed_until = excluded.claimed_until
                                where reconciliation_watermarks.claimed_until is null
                                   or reconciliation_watermarks.claimed_until <= :now""")
                        .setParameter("tenant", tenantId)
                        .setParameter("until", until)
                        .setParameter("now", now)
                        .executeUpdate())
                .map(claimed -> claimed == 1));
    }

    /** Gives the lease up (a failed sweep), so the next scheduled sweep of any replica retries the studio. */
    public Uni<Void> release(UUID tenantId) {
        return TenantTransactions.inTenant(TenantContext.service(tenantId), () -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "update reconciliation_watermarks set claimed_until = null where tenant_id = :tenant")
                        .setParameter("tenant", tenantId)
                        .executeUpdate())
                .replaceWithVoid());
    }

    /** Records a completed sweep: the next one reads from {@code sweepStartedAt} less the overlap. */
    public Uni<Void> save(UUID tenantId, Instant sweptFrom, Instant sweepStartedAt, Instant completedAt, int events,
                          int invitees) {
        return TenantTransactions.inTenant(TenantContext.service(tenantId), () -> TenantTransactions.registerTenant(tenantId)
                .chain(() -> Panache.getSession())
                .chain(session -> session.find(ReconciliationWatermark.class, tenantId).chain(found -> {
                    ReconciliationWatermark watermark = found == null ? new ReconciliationWatermark() : found;
                    watermark.tenantId = tenantId;
                    watermark.sweptFrom = sweptFrom;
                    watermark.sweepStartedAt = sweepStartedAt;
                    watermark.completedAt = completedAt;
                    watermark.events = events;
                    watermark.invitees = invitees;
                    return found == null ? session.persist(watermark) : Uni.createFrom().voidItem();
                })));
    }
}
