package io.quillspace.project;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.DatabaseSecurityContract;

@QuarkusTest
class DatabaseSecurityTest extends DatabaseSecurityContract {

    @Override
    protected int minimumTenantTables() {
        return 5;
    }
}
