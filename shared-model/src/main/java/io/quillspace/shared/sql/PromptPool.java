package io.quillspace.shared.sql;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The services' reactive PostgreSQL pool, as Quarkus configures it, with two bounds Quarkus does not expose: how long a
 * TCP connect to the database may take ({@code quillspace.datasource.connect-timeout}; Vert.x waits 60 s for a host that
 * drops packets) and how long a request waits for a pooled connection ({@code quillspace.datasource.acquire-timeout};
 * Vert.x waits 30 s). Past either, the request fails and the API answers 503 with Retry-After instead of hanging until
 * the client or the gateway gives up.
 */
@Singleton
public class PromptPool implements PgPoolCreator {

    private final Duration connectTimeout;
    private final Duration acquireTimeout;

    public PromptPool(@ConfigProperty(name = "quillspace.datasource.connect-timeout", defaultValue = "5s") Duration connectTimeout,
                      @ConfigProperty(name = "quillspace.datasource.acquire-timeout", defaultValue = "10s") Duration acquireTimeout) {
        this.connectTimeout = connectTimeout;
        this.acquireTimeout = acquireTimeout;
    }

    @Override
    public Pool create(Input input) {
        input.poolOptions().setConnectionTimeout((int) acquireTimeout.toMillis()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        input.pgConnectOptionsList().forEach(options -> options.setConnectTimeout((int) connectTimeout.toMillis()));
        // Deprecated, but Quarkus casts what a creator returns to PgPool, which PgBuilder's pools are not.
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
