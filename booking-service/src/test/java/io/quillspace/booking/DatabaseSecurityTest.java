package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.DatabaseSecurityChecks;
import io.quillspace.infra.testing.DatabaseSecurityContract;
import org.junit.jupiter.api.Test;

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
    void historyAndTheDeliveryLogAreAppendOnlyForTheRuntimeRole() {
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "booking_history"));
        assertEquals(List.of("INSERT", "SELECT"),
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
    void aPersonsTransactionMayWriteTheOutboxButNeverReadIt() {
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        UUID tenant = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        assertEquals(1, runtime.updateAs(tenant.toString(), user.toString(), "user", """
                insert into outbox_events (id, tenant_id, topic, record_key, event_type, payload)
                values (?, ?, 'proposal-events.v1.test', 'key', 'test', '{}')""", event, tenant));
        assertEquals(List.of(), runtime.queryAs(tenant, user, "user", "select id from outbox_events where id = ?", event));
        assertEquals(List.of(), runtime.queryAs(tenant, user, "admin", "select id from outbox_events where id = ?", event));
        assertEquals(0, runtime.updateAs(tenant.toString(), user.toString(), "admin",
                "delete from outbox_events where id = ?", event));
        assertEquals(1, runtime.updateAs(tenant.toString(), "", "service", "delete from outbox_events where id = ?", event));
    }

    @Test
    void outboxRowsAreWrittenAndDeletedButNeverChanged() {
        assertEquals(List.of("DELETE", "INSERT", "SELECT"),
                DatabaseSecurityChecks.runtimeRolePrivileges(DatabaseProbe.asRuntimeRole(), "outbox_events"));
    }
}
