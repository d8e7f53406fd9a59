package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.DatabaseSecurityChecks;
import io.quillspace.infra.testing.DatabaseSecurityContract;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class DatabaseSecurityTest extends DatabaseSecurityContract {

    @Override
    protected int minimumTenantTables() {
        return 6;
    }

    @Test
    void historyAndTheDeliveryLogAreAppendOnlyForTheRuntimeRole() {
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "booking_history"));
        assertEquals(List.of("INSERT", "SELECT"),
                DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "processed_deliveries"));
    }

    @Test
    void outboxRowsAreWrittenAndDeletedButNeverChanged() {
        assertEquals(List.of("DELETE", "INSERT", "SELECT"),
                DatabaseSecurityChecks.runtimeRolePrivileges(DatabaseProbe.asRuntimeRole(), "outbox_events"));
    }
}
