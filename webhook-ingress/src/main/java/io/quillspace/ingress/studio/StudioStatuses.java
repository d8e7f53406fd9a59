package io.quillspace.ingress.studio;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quillspace.ingress.config.IngressConfig;
import io.quillspace.ingress.entity.Studio;
import io.quillspace.ingress.repository.StudioRepository;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantSignals;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every studio's status, in memory, for the webhook door: a delivery costs no database read. A change on any replica
 * refreshes the studio on all of them (the {@code studios} trigger's notification, through {@link TenantSignals}).
 * Every (re)connection of the listener first seeds the configured studios the registry lacks, then reloads all; a
 * scheduled reload is the safety net for a notification lost while the listener was down. A studio the registry has
 * not answered for yet (the database was down since start-up) counts as active: configured studios are active until
 * someone suspends them.
 */
@ApplicationScoped
public class StudioStatuses {

    private static final Logger LOG = Logger.getLogger(StudioStatuses.class);
    /** The channel the studios trigger signals a studio's change on. */
    static final String CHANGE_CHANNEL = "studios";

    private final Map<UUID, Studio.Status> statuses = new ConcurrentHashMap<>();
    private final StudioRepository studios;
    private final StudioService registry;
    private final IngressConfig config;
    private final TenantSignals changes = new TenantSignals(CHANGE_CHANNEL, this::refresh, this::seedAndReloadAll);

    public StudioStatuses(StudioRepository studios, StudioService registry, IngressConfig config) {
        this.studios = studios;
        this.registry = registry;
        this.config = config;
    }

    void startListening(@Observes StartupEvent started, Vertx vertx) {
        changes.listen(vertx, TenantSignals.datasource());
    }

    void stopListening(@Observes ShutdownEvent stopping) {
        changes.close();
    }

    /** The studio's status as last read; active when the registry has not answered for it yet. */
    public Studio.Status of(UUID studio) {
        return statuses.getOrDefault(studio, Studio.Status.ACTIVE);
    }

    private Uni<Void> refresh(UUID studio) {
        return TenantTransactions.inTenant(TenantContext.service(studio), () -> studios.find(studio))
                .invoke(found -> {
                    if (found != null) {
                        statuses.put(studio, found.status);
                    }
                })
                .replaceWithVoid();
    }

    /** Inserts the configured studios the registry lacks (idempotent, so every replica may), then reloads every status. */
    Uni<Void> seedAndReloadAll() {
        return Multi.createFrom().iterable(config.tenants().entrySet())
                .onItem().transformToUniAndConcatenate(configured -> registry.seed(configured.getValue().id(),
                        configured.getKey()))
                .collect().last()
                .chain(this::reloadAll);
    }

    @Scheduled(every = "${quillspace.ingress.studio-status-refresh:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> reloadAll() {
        return StudioRepository.asPlatform(studios::statuses)
                .invoke(rows -> rows.forEach(row -> statuses.put((UUID) row[0], Studio.Status.of((String) row[1]))))
                .onFailure().invoke(failure -> LOG.warnf("studio statuses not reloaded, the next pass retries: %s",
                        failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
