package io.quillspace.ingress.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.ingress.entity.ReconciliationWatermark;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Each studio's reconciliation watermark, read and written in the studio's own tenant transaction. */
@ApplicationScoped
public class WatermarkRepository {

    /** The studio's watermark, or null before its first completed sweep. */
    public Uni<ReconciliationWatermark> find(UUID tenantId) {
        return TenantTransactions.inTenant(TenantContext.service(tenantId),
                () -> Panache.getSession().chain(session -> session.find(ReconciliationWatermark.class, tenantId)));
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
