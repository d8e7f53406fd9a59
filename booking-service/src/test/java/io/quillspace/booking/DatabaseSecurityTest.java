package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.DatabaseSecurityChecks;
import io.quillspace.infra.testing.DatabaseSecurityContract;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class DatabaseSecurityTest extends DatabaseSecurityContract {

    @Override
    protected int minimumTenantTables() {
        return 8;
    }

    @Test
    void historyIsAppendOnlyAndTheDeliveryLogNeverChangesButIsPurgedForTheRuntimeRole() {
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "booking_history"));
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "proposal_history"));
        assertEquals(List.of("DELETE", "INSERT", "SELECT"),
                DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "processed_deliveries"));
    }

    @Test
    void briefVersionsAreAppendOnlyExceptForTheMoveOfAReschedule() {
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "project_briefs"));
        assertEquals(List.of("booking_id", "user_id"), runtime.query("""
                        select column_name from information_schema.column_privileges
                        where grantee = current_user and table_name = 'project_briefs' and privilege_type = 'UPDATE'
                        order by column_name""").stream().map(row -> (String) row.get("column_name")).toList());
    }

    @Test
    void proposalsAreNeverDeleted() {
        assertEquals(List.of("INSERT", "SELECT", "UPDATE"),
                DatabaseSecurityChecks.runtimeRolePrivileges(DatabaseProbe.asRuntimeRole(), "proposals"));
    }

    @Test
    void aPersonsTransactionMayWriteTheOutboxButNeverReadOrDeleteIt() throws Exception {
        Config config = ConfigProvider.getConfig();
        UUID tenant = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        // One transaction, rolled back: the row never commits, so no relay ever sees it.
        try (Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            connection.setAutoCommit(false);
            bind(connection, tenant, "user");
            assertEquals(1, update(connection, """
                    insert into outbox_events (id, tenant_id, topic, record_key, event_type, payload)
                    values (?, ?, 'proposal-events.v1', 'key', 'test', '{}')""", event, tenant));
            assertEquals(0, count(connection, event), "a client reads none");
            bind(connection, tenant, "admin");
            assertEquals(0, count(connection, event), "an admin reads none");
            assertEquals(0, update(connection, "delete from outbox_events where id = ?", event), "nor deletes it");
            bind(connection, tenant, "service");
            assertEquals(1, count(connection, event), "the relay reads it");
            connection.rollback();
        }
    }

    private static void bind(Connection connection, UUID tenant, String role) throws Exception {
        try (PreparedStatement bind = connection.prepareStatement("select set_config('app.current_tenant_id', ?, true),"
                + " set_config('app.current_user_id', ?, true), set_config('app.current_role', ?, true)")) {
            bind.setString(1, tenant.toString());
            bind.setString(2, UUID.randomUUID().toString());
            bind.setString(3, role);
            bind.execute();
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static int count(Connection connection, UUID event) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("select count(*) from outbox_events where id = ?")) {
            statement.setObject(1, event);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void outboxRowsAreWrittenAndDeletedButNeverChanged() {
        assertEquals(List.of("DELETE", "INSERT", "SELECT"),
                DatabaseSecurityChecks.runtimeRolePrivileges(DatabaseProbe.asRuntimeRole(), "outbox_events"));
    }
}
