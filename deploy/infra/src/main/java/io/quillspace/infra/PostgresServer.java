package io.quillspace.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Real PostgreSQL: embedded binaries (zonky) by default, or an external server named by
 * {@code QUILLSPACE_PG_ADMIN_URL}, a JDBC URL of a role that may create databases and roles, for example
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret}.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String EXTERNAL_ENV = "QUILLSPACE_PG_ADMIN_URL";
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final String host;
    private final int port;

    private PostgresServer(EmbeddedPostgres embedded, String adminUrl, String host, int port) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.host = host;
        this.port = port;
    }

    /** Starts embedded PostgreSQL on {@code port} (0 picks a free one) unless an external server is configured. */
    public static PostgresServer start(int port) {
        String external = System.getenv(EXTERNAL_ENV);
        if (external != null && !external.isBlank()) {
            URI uri = URI.create(external.substring("jdbc:".length()));
            return new PostgresServer(null, external, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
        }
        if (port != 0) {
            // Readiness is probed by connecting: a stale server on the port would pass for ours, data and all.
            try (var probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " is in use: is another QuillSpace fleet (or its "
                        + "PostgreSQL) still running?", e);
            }
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(Ports.freeIfZero(port))
                    .setCleanDataDirectory(true)
                    .start();
            return new PostgresServer(postgres, postgres.getJdbcUrl("postgres", "postgres"), "127.0.0.1",
                    postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates (or, when {@code fresh}, re-creates) the database of {@code service} with its owner and runtime roles.
     * The runtime role gets CONNECT only; table privileges come from the service's own migrations.
     */
    public ServiceDatabase provision(String service, boolean fresh) {
        if (!SERVICE_NAME.matcher(service).matches()) {
            throw new IllegalArgumentException("service name must match " + SERVICE_NAME + ": " + service);
        }
        String database = "quillspace_" + service;
        String owner = database + "_owner";
        String app = database + "_app";
        String ownerPassword = randomPassword();
        String appPassword = randomPassword();
        try (Connection admin = adminConnection(); Statement sql = admin.createStatement()) {
            if (fresh) {
                sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
            upsertRole(sql, owner, ownerPassword);
            upsertRole(sql, app, appPassword);
            if (!exists(sql, "select 1 from pg_database where datname = '" + database + "'")) {
                sql.execute("CREATE DATABASE " + database + " OWNER " + owner);
            }
            sql.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            sql.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + app);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot provision database for " + service, e);
        }
        try (Connection adminOnDatabase = DriverManager.getConnection(adminUrlFor(database));
             Statement sql = adminOnDatabase.createStatement()) {
            // The owner, not PUBLIC, decides who may create objects in the schema.
            sql.execute("ALTER SCHEMA public OWNER TO " + owner);
            sql.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the schema of " + database, e);
        }
        return new ServiceDatabase(host, port, database, owner, ownerPassword, app, appPassword);
    }

    private static void upsertRole(Statement sql, String role, String password) throws SQLException {
        String attributes = " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'";
        if (exists(sql, "select 1 from pg_roles where rolname = '" + role + "'")) {
            sql.execute("ALTER ROLE " + role + attributes);
        } else {
            sql.execute("CREATE ROLE " + role + attributes);
        }
    }

    private static boolean exists(Statement sql, String query) throws SQLException {
        try (var rows = sql.executeQuery(query)) {
            return rows.next();
        }
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(adminUrl);
    }

    /** The admin URL pointed at another database of the same server. */
    public String adminUrlFor(String database) {
        return adminUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
