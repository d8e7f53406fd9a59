package io.quillspace.ingress.connection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.quillspace.ingress.entity.SigningKey;
import io.quillspace.ingress.repository.ConnectionRepository;
import io.quillspace.ingress.repository.StudioRepository;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantSignals;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Every studio's signing keys, opened, in memory, for the webhook door: a delivery costs no database read. A change
 * on any replica refreshes the studio on all of them (the {@code signing_keys} trigger's notification, through
 * {@link TenantSignals}); every (re)connection of the listener first seeds the configured studios
 * ({@link ConfiguredStudios}), then reloads all, and a scheduled reload is the safety net for a lost notification.
 * Start-up waits (bounded) for the first load. Until one full load has succeeded the cache is cold, and the door
 * answers 503 (Calendly retries) rather than refuse a genuine delivery it cannot check; the load is retried meanwhile.
 */
@ApplicationScoped
public class SigningKeyCache {

    private static final Logger LOG = Logger.getLogger(SigningKeyCache.class);
    static final String CHANGE_CHANNEL = "signing_keys";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(15);

    /** An opened key and until when it is accepted (null: no end yet). */
    record Accepted(String key, Instant until) {
        boolean acceptedAt(Instant now) {
            return until == null || until.isAfter(now);
        }
    }

    private final Map<UUID, List<Accepted>> keys = new ConcurrentHashMap<>();
    private volatile boolean loaded;
    private final AtomicBoolean listening = new AtomicBoolean();
    private volatile Vertx vertx;
    private final ConnectionRepository connections;
    private final KeyEncryption encryption;
    private final ConfiguredStudios configured;
    private final TenantSignals changes = new TenantSignals(CHANGE_CHANNEL, this::refresh, this::seedAndReloadAll);

    public SigningKeyCache(ConnectionRepository connections, KeyEncryption encryption, ConfiguredStudios configured) {
        this.connections = connections;
        this.encryption = encryption;
        this.configured = configured;
    }

    void start(@Observes StartupEvent started, Vertx vertx) {
        this.vertx = vertx;
        try {
            VertxContextSupport.subscribeAndAwait(() -> seedAndReloadAll().ifNoItem().after(STARTUP_WAIT).fail());
            listen();
        } catch (Throwable failure) {
            LOG.warnf("signing keys not loaded at start-up; webhooks are answered 503 until they are: %s",
                    failure.toString());
        }
    }

    /** While cold, tries the first load every few seconds; the first that succeeds starts the listener. */
    @Scheduled(every = "${quillspace.ingress.signing-key-cold-retry:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> loadWhileCold() {
        if (loaded) {
            return Uni.createFrom().voidItem();
        }
        return seedAndReloadAll().invoke(this::listen)
                .onFailure().invoke(failure -> LOG.debugf("signing keys still not loaded: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    private void listen() {
        if (listening.compareAndSet(false, true)) {
            changes.listen(vertx, TenantSignals.datasource());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        changes.close();
    }

    /**
     * The keys a delivery for {@code studio} may be signed with at {@code now}: empty when the studio has none.
     *
     * @throws ColdCacheException when no full load has succeeded yet
     */
    public List<String> acceptedAt(UUID studio, Instant now) {
        if (!loaded) {
            throw new ColdCacheException();
        }
        return keys.getOrDefault(studio, List.of()).stream().filter(key -> key.acceptedAt(now)).map(Accepted::key)
                .toList();
    }

    /** Whether the studio has keys at all (a webhook path worth a metric tag of its own). */
    public boolean knows(UUID studio) {
        return keys.containsKey(studio);
    }

    private Uni<Void> refresh(UUID studio) {
        return TenantTransactions.inTenant(TenantContext.service(studio), () -> connections.keysOf(studio))
                .invoke(found -> put(studio, found))
                .replaceWithVoid();
    }

    Uni<Void> seedAndReloadAll() {
        return configured.seed().chain(this::reloadAll);
    }

    @Scheduled(every = "${quillspace.ingress.signing-key-refresh:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> reloadOnSchedule() {
        return reloadAll().onFailure().invoke(failure -> LOG.warnf("signing keys not reloaded, the next pass retries: %s",
                failure.toString())).onFailure().recoverWithNull();
    }

    private Uni<Void> reloadAll() {
        return StudioRepository.asPlatform(connections::allKeys).invoke(all -> {
            Map<UUID, List<SigningKey>> byStudio = all.stream().collect(Collectors.groupingBy(key -> key.tenantId));
            byStudio.forEach(this::put);
            keys.keySet().retainAll(byStudio.keySet());
            loaded = true;
        }).replaceWithVoid();
    }

    /** Opens the studio's keys; one that cannot be opened (its KEK was removed too early) is left out and logged. */
    private void put(UUID studio, List<SigningKey> stored) {
        List<Accepted> opened = new ArrayList<>();
        for (SigningKey key : stored) {
            open(key).ifPresent(text -> opened.add(new Accepted(text, key.acceptedUntil)));
        }
        if (opened.isEmpty()) {
            keys.remove(studio);
        } else {
            keys.put(studio, List.copyOf(opened));
        }
    }

    private Optional<String> open(SigningKey key) {
        try {
            return Optional.of(SigningKeys.opened(encryption, key));
        } catch (KeyEncryption.UnsealableException e) {
            LOG.errorf("signing key %d of studio %s cannot be opened: %s", key.generation, key.tenantId, e.getMessage());
            return Optional.empty();
        }
    }

    /** No full load of the keys has succeeded since start-up. */
    public static class ColdCacheException extends RuntimeException {
        ColdCacheException() {
            super("the studios' signing keys are not loaded yet");
        }
    }
}
