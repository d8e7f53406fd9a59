package io.quillspace.booking.client;

import io.quarkus.scheduler.Scheduled;
import io.quillspace.booking.config.BookingConfig;
import io.quillspace.booking.repository.ClientExportRepository;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/** Assembled exports hold a client's whole record: each is deleted once past its retention. */
@ApplicationScoped
public class ClientExportRetention {

    private final ClientExportRepository exports;
    private final BookingConfig.ClientData settings;
    private final Clock clock;

    public ClientExportRetention(ClientExportRepository exports, BookingConfig config, Clock clock) {
        this.exports = exports;
        this.settings = config.clientData();
        this.clock = clock;
    }

    @Scheduled(every = "${quillspace.booking.client-data.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purgeOnSchedule() {
        return purge(clock.instant());
    }

    /** Purges the exports whose retention has passed at {@code now}. */
    public Uni<Void> purge(Instant now) {
        Instant cutoff = now.minus(settings.exportRetention());
        return TenantTransactions.forEachKnownTenant("client export retention", tenant -> TenantTransactions
                .inTenant(TenantContext.service(tenant), () -> exports.purgeRequestedBefore(cutoff)).replaceWithVoid());
    }
}
