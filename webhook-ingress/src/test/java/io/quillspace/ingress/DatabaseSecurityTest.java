package io.quillspace.ingress;

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
        return 1;
    }

    @Test
    void watermarksAreWrittenAndMovedButNeverDeleted() {
        assertEquals(List.of("INSERT", "SELECT", "UPDATE"),
                DatabaseSecurityChecks.runtimeRolePrivileges(DatabaseProbe.asRuntimeRole(), "reconciliation_watermarks"));
    }
}
