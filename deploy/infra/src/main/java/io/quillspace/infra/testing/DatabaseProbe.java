package io.quillspace.infra.testing;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plain JDBC against a service database as a chosen role, for tests that must see what the runtime role sees (or the
 * catalog). Tenant-bound queries set the same transaction-local settings as {@code TenantTransactions}.
 */
public final class DatabaseProbe {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public DatabaseProbe(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The service under test's database as its runtime role (the role the service connects as). */
    public static DatabaseProbe asRuntimeRole() {
        Config config = ConfigProvider.getConfig();
        return new DatabaseProbe(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** The service under test's database as the migration owner. */
    public static DatabaseProbe asMigrationOwner() {
        Config config = ConfigProvider.getConfig();
        return new DatabaseProbe(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
    }

    /** Rows of {@code sql} with no tenant bound. */
    public List<Map<String, Object>> query(String sql, Object... parameters) {
        return inTransaction(null, null, null, sql, parameters);
    }

    /** Rows of {@code sql} in a transaction bound to the tenant, user (may be null) and role. */
    public List<Map<String, Object>> queryAs(UUID tenant, UUID user, String role, String sql, Object... parameters) {
        return inTransaction(tenant.toString(), user == null ? "" : user.toString(), role, sql, parameters);
    }

    /** Runs a statement in a transaction bound to raw setting values, however hostile; returns the update count. */
    public int updateAs(String tenant, String user, String role, String sql, Object... parameters) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            bind(connection, tenant, user, role);
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                int count = statement.executeUpdate();
                connection.commit();
                return count;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs a statement with no tenant bound, e.g. a GRANT as the owner. */
    public void execute(String sql) {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private List<Map<String, Object>> inTransaction(String tenant, String user, String role, String sql, Object... parameters) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            if (tenant != null) {
                bind(connection, tenant, user, role);
            }
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                 ResultSet rows = statement.executeQuery()) {
                List<Map<String, Object>> result = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                    }
                    result.add(row);
                }
                connection.commit();
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void bind(Connection connection, String tenant, String user, String role) throws SQLException {
        try (PreparedStatement bind = connection.prepareStatement("select set_config('app.current_tenant_id', ?, true),"
                + " set_config('app.current_user_id', ?, true), set_config('app.current_role', ?, true)")) {
            bind.setString(1, tenant);
            bind.setString(2, user);
            bind.setString(3, role);
            bind.execute();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
