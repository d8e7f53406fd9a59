package io.quillspace.shared.tenancy;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TenantSignalsTest {

    private static final String CHANNEL = "tenant_signals_test";

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger catchUps = new AtomicInteger();
    private final Set<UUID> worked = ConcurrentHashMap.newKeySet();
    private final TenantSignals signals = new TenantSignals(CHANNEL,
            tenant -> Uni.createFrom().voidItem().invoke(() -> worked.add(tenant)),
            () -> Uni.createFrom().voidItem().invoke(catchUps::incrementAndGet));
    /** Connection attempts that reached the database's port while it hung up on every one. */
    private final AtomicInteger attempts = new AtomicInteger();
    private final int port = freePort();

    @AfterEach
    void closeVertx() throws Exception {
        signals.close();
        completed(vertx.close());
    }

    @Test
    void aListenerWhoseFirstConnectionFailedConnectsOnceTheDatabaseIsUpCatchesUpAndReceivesNotifications()
            throws Exception {
        NetServer hangingUp = hangUpOnEveryConnection();
        signals.listen(vertx, options());
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 2);
        assertEquals(0, catchUps.get());

        completed(hangingUp.close());
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setPort(port).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> catchUps.get() >= 1);

            UUID tenant = UUID.randomUUID();
            try (Connection sql = database.getPostgresDatabase().getConnection();
                 PreparedStatement notify = sql.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, CHANNEL);
                notify.setString(2, tenant.toString());
                notify.execute();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> worked.contains(tenant));
        }
    }

    @Test
    void closingStopsTheRetriesOfAFirstConnection() throws Exception {
        hangUpOnEveryConnection();
        signals.listen(vertx, options());
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 2);

        // Right after a failed attempt, so the next one is still a whole retry delay away.
        signals.close();
        int attemptsWhenClosed = attempts.get();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                .until(() -> attempts.get() == attemptsWhenClosed);
        assertEquals(0, catchUps.get());
    }

    /** Stands in for a database that is not up yet: accepts each connection on the port, then closes it at once. */
    private NetServer hangUpOnEveryConnection() throws Exception {
        return completed(vertx.createNetServer()
                .connectHandler(socket -> {
                    attempts.incrementAndGet();
                    socket.close();
                })
                .listen(port, "127.0.0.1"));
    }

    private PgConnectOptions options() {
        return new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("postgres").setUser("postgres");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T completed(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
