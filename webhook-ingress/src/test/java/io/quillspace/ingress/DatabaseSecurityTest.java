package io.quillspace.ingress;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.DatabaseSecurityChecks;
import io.quillspace.infra.testing.DatabaseSecurityContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class DatabaseSecurityTest extends DatabaseSecurityContract {

    @Override
    protected int minimumTenantTables() {
        return 2;
    }

    @Test
    void studiosAreCreatedAndChangedButNeverDeleted() {
        assertEquals(List.of("INSERT", "SELECT", "UPDATE"),
                DatabaseSecurityChecks.runtimeRolePrivileges(DatabaseProbe.asRuntimeRole(), "studios"));
    }

    @Test
    void aStudioSeesItsOwnRegistryRowOnlyAndThePlatformRoleSeesEveryStudio() {
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        // The configured studios "studio" and "north", seeded into the registry at start-up.
        UUID studio = UUID.fromString("3f2b8c1e-5d4a-4c7b-9e61-2a7d0c9b4f10");
        UUID north = UUID.fromString("9b1c0e4a-7f3d-4e2b-8a65-1d2c3b4a5f60");
        String both = "select id from studios where id in (?, ?) order by id";

        assertEquals(List.of(studio), ids(runtime.queryAs(studio, UUID.randomUUID(), "admin", both, studio, north)));
        assertEquals(List.of(), ids(runtime.queryAs(UUID.randomUUID(), null, "service", both, studio, north)));
        assertEquals(List.of(), ids(runtime.query(both, studio, north)));
        assertEquals(List.of(studio, north), ids(runtime.queryAs(UUID.randomUUID(), null, "platform", both, studio, north)));
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> row.get("id")).toList();
    }

    @Test
    void watermarksAreWrittenAndMovedButNeverDeleted() {
        assertEquals(List.of("INSERT", "SELECT", "UPDATE"),
                DatabaseSecurityChecks.runtimeRolePrivileges(DatabaseProbe.asRuntimeRole(), "reconciliation_watermarks"));
    }
}
