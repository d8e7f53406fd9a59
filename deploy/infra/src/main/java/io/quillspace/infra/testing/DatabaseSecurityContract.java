package io.quillspace.infra.testing;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests every service with a database inherits (as a {@code @QuarkusTest}): the role the service connects as is
 * powerless beyond its rows, and every tenant table is isolated by forced Row-Level Security.
 */
public abstract class DatabaseSecurityContract {

    @Test
    void runtimeRoleIsNeitherSuperuserNorBypassRlsAndOwnsNoTable() {
        assertEquals(java.util.List.of(), DatabaseSecurityChecks.runtimeRoleProblems(DatabaseProbe.asRuntimeRole()));
        assertNotEquals(ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class),
                ConfigProvider.getConfig().getValue("quarkus.flyway.username", String.class),
                "migrations must run as the owner, not as the runtime role");
    }

    @Test
    void everyTableWithTenantIdHasForcedRowLevelSecurityAndAPolicy() {
        DatabaseProbe owner = DatabaseProbe.asMigrationOwner();
        assertEquals(java.util.List.of(), DatabaseSecurityChecks.tablesWithoutTenantIsolation(owner));
        assertTrue(DatabaseSecurityChecks.tenantTableCount(owner) >= minimumTenantTables(),
                "expected at least " + minimumTenantTables() + " tenant tables");
    }

    @Test
    void everyForeignKeyToATenantTableMatchesTheTenant() {
        assertEquals(java.util.List.of(), DatabaseSecurityChecks.foreignKeysCrossingTenants(DatabaseProbe.asMigrationOwner()));
    }

    @Test
    void theRuntimeRoleMayOnlyReadAndAddTenants() {
        // Changing or deleting a tenant row would silently stop that tenant's background jobs.
        assertEquals(java.util.List.of("INSERT", "SELECT"),
                DatabaseSecurityChecks.runtimeRolePrivileges(DatabaseProbe.asRuntimeRole(), "tenants"));
    }

    /** How many tenant tables this service has at least; guards against the checks passing on an empty schema. */
    protected abstract int minimumTenantTables();
}
