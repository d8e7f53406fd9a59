package io.quillspace.email.studio;

import io.quillspace.email.repository.StudioProjectionRepository;
import io.quillspace.shared.events.StudioEventV1;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps each studio's projection at its newest event: every event carries the whole studio, so applying one is a
 * single upsert, and an older or repeated one (by version) changes nothing.
 */
@ApplicationScoped
public class StudioEventApplier {

    private final StudioProjectionRepository studios;

    public StudioEventApplier(StudioProjectionRepository studios) {
        this.studios = studios;
    }

    public Uni<RecordOutcome> apply(StudioEventV1 event) {
        return TenantTransactions.inTenant(TenantContext.service(event.studioId()),
                        () -> TenantTransactions.registerTenant(event.studioId()).chain(() -> studios.applyIfNewer(event)))
                .map(written -> written ? RecordOutcome.APPLIED : RecordOutcome.STALE);
    }
}
