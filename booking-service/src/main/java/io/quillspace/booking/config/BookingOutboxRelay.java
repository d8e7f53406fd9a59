package io.quillspace.booking.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quillspace.shared.outbox.OutboxRelay;
import io.quillspace.shared.tenancy.TenantSignals;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** booking-service's outbox relay: booking events leave right after each commit, and every sweep catches up. */
// A singleton: the shared base has no no-args constructor for a client proxy, and nothing here needs one.
@Singleton
public class BookingOutboxRelay extends OutboxRelay {

    /** The outgoing channel the relay publishes on; each record names its own topic. */
    static final String CHANNEL = "outbox";

    public BookingOutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter, BookingConfig config,
                              MeterRegistry registry) {
        super(emitter, config.outbox().batchSize(), registry);
    }

    void startListening(@Observes StartupEvent started, Vertx vertx) {
        listen(vertx, TenantSignals.datasource());
    }

    void stopListening(@Observes ShutdownEvent stopping) {
        stopListening();
    }

    // Not before the application (and its Kafka channels) is up, nor while it shuts down.
    @Scheduled(every = "${quillspace.booking.outbox.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return sweepAllTenants();
    }

    @Scheduled(every = "${quillspace.booking.outbox.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> measure() {
        return measureBacklog();
    }
}
