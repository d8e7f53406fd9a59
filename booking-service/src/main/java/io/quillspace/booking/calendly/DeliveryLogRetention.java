package io.quillspace.booking.calendly;

import io.quarkus.scheduler.Scheduled;
import io.quillspace.booking.config.BookingConfig;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps the delivery log bounded: every tenant's entries older than the retention are purged, tenant by tenant. */
@ApplicationScoped
public class DeliveryLogRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryLogRetention.class);

    private final DeliveryLogRepository deliveryLog;
    private final BookingConfig.DeliveryLog settings;
    private final Clock clock;

    public DeliveryLogRetention(DeliveryLogRepository deliveryLog, BookingConfig config, Clock clock) {
        this.deliveryLog = deliveryLog;
        this.settings = config.deliveryLog();
        this.clock = clock;
    }

    @Scheduled(every = "${quillspace.booking.delivery-log.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purgeOnSchedule() {
        return purge(clock.instant()).replaceWithVoid();
    }

    /** Purges what is past the retention at {@code now}; completes with how many entries went. */
    public Uni<Integer> purge(Instant now) {
        Instant cutoff = now.minus(settings.retention());
        AtomicInteger purged = new AtomicInteger();
        return TenantTransactions.forEachKnownTenant("delivery log retention", tenant -> TenantTransactions
                        .inTenant(TenantContext.service(tenant), () -> deliveryLog.purgeProcessedBefore(cutoff))
                        .invoke(purged::addAndGet)
                        .replaceWithVoid())
                .map(ignored -> purged.get())
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("purged %d delivery log entries processed before %s", count, cutoff);
                    }
                });
    }
}
