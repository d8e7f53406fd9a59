package io.quillspace.shared.tenancy;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Per-tenant background work started by the database the moment there is some: a trigger calls
 * {@code pg_notify(<channel>, tenant_id::text)}, PostgreSQL delivers the notification at commit (never for a rollback),
 * and this listener, on a connection of its own, runs the work for that tenant. Requests that arrive while a tenant's
 * work runs make it run once more when it ends, never twice at once. Every (re)subscription runs {@code catchUp}, for
 * what was committed while no one listened; the caller's scheduled job remains the safety net.
 */
public final class TenantSignals {

    private static final Logger LOG = Logger.getLogger(TenantSignals.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

    private final String channel;
    private final Function<UUID, Uni<Void>> work;
    private final Supplier<Uni<Void>> catchUp;
    /** Per tenant: requests not yet served; the work runs while it is above zero. */
    private final Map<UUID, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile Vertx vertx;
    private volatile PgSubscriber subscriber;
    /** The pending retry of a first connection that failed, if any. */
    private volatile long retry = -1;
    private volatile boolean closed;

    public TenantSignals(String channel, Function<UUID, Uni<Void>> work, Supplier<Uni<Void>> catchUp) {
        this.channel = channel;
        this.work = work;
        this.catchUp = catchUp;
    }

    /**
     * Where the service's own datasource is: {@code quarkus.datasource.reactive.url}, its runtime role, and its TLS
     * mode with the CA certificates a verifying mode trusts ({@code quarkus.datasource.reactive.trust-certificate-pem.certs}).
     */
    public static PgConnectOptions datasource() {
        Config config = ConfigProvider.getConfig();
        SslMode sslMode = config.getOptionalValue("quarkus.datasource.reactive.postgresql.ssl-mode", String.class)
                .map(SslMode::of).orElse(SslMode.DISABLE);
        PgConnectOptions options = PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url", String.class))
                .setUser(config.getValue("quarkus.datasource.username", String.class))
                .setPassword(config.getValue("quarkus.datasource.password", String.class))
                .setSslMode(sslMode);
        config.getOptionalValues("quarkus.datasource.reactive.trust-certificate-pem.certs", String.class)
                .ifPresent(certificates -> {
                    PemTrustOptions trust = new PemTrustOptions();
                    certificates.forEach(trust::addCertPath);
                    options.setPemTrustOptions(trust);
                });
        if (sslMode == SslMode.VERIFY_FULL) {
            options.setHostnameVerificationAlgorithm("HTTPS");
        }
        return options;
    }

    /** Starts listening, retrying until the first connection succeeds, and reconnecting after a loss. */
    public void listen(Vertx vertx, PgConnectOptions options) {
        this.vertx = vertx;
        connect(options, 1);
    }

    /**
     * The subscriber's reconnect policy applies only once a connection was established and lost: a first connection
     * that fails (the database not up yet) is retried here, each time with a fresh subscriber.
     */
    private void connect(PgConnectOptions options, int attempt) {
        PgSubscriber listener = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(ignored -> RECONNECT_DELAY.toMillis());
        listener.channel(channel)
                .subscribeHandler(ignored -> onSafeContext(catchUp))
                .handler(this::onNotification);
        subscriber = listener;
        listener.connect().onComplete(connected -> {
            if (closed) {
                // Closed while connecting: the subscriber may have connected after close() found no connection to end.
                listener.close();
            } else if (connected.failed()) {
                if (attempt == 1) {
                    LOG.warnf("%s listener cannot connect yet, retrying every %d s: %s", channel,
                            RECONNECT_DELAY.toSeconds(), connected.cause().toString());
                } else {
                    LOG.debugf("%s listener still cannot connect: %s", channel, connected.cause().toString());
                }
                retry = vertx.setTimer(RECONNECT_DELAY.toMillis(), ignored -> {
                    if (!closed) {
                        connect(options, attempt + 1);
                    }
                });
            }
        });
    }

    /** Stops listening, and any retry of a first connection. */
    public void close() {
        closed = true;
        Vertx current = vertx;
        if (current != null) {
            current.cancelTimer(retry);
        }
        PgSubscriber listener = subscriber;
        if (listener != null) {
            listener.close();
        }
    }

    /** Asks for the tenant's work: starts it, or makes the running one go again when it ends. */
    public void request(UUID tenantId) {
        AtomicInteger pending = requests.computeIfAbsent(tenantId, ignored -> new AtomicInteger());
        if (pending.getAndIncrement() == 0) {
            onSafeContext(() -> workWhileRequested(tenantId, pending));
        }
    }

    private void onNotification(String payload) {
        UUID tenant;
        try {
            tenant = UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s notification without a tenant id ignored: %s", channel, payload);
            return;
        }
        request(tenant);
    }

    private Uni<Void> workWhileRequested(UUID tenantId, AtomicInteger pending) {
        int served = pending.get();
        return work.apply(tenantId)
                .onFailure().invoke(failure -> LOG.warnf("%s work for tenant %s failed, the scheduled pass retries: %s",
                        channel, tenantId, failure.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> pending.compareAndSet(served, 0)
                        ? Uni.createFrom().voidItem()
                        : workWhileRequested(tenantId, pending));
    }

    /** Hibernate Reactive sessions need a safe duplicated context of their own; notifications arrive on the listener's. */
    private void onSafeContext(Supplier<Uni<Void>> task) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> task.get().subscribe().with(
                done -> { },
                failure -> LOG.warnf("%s work failed: %s", channel, failure.toString())));
    }
}
