package io.quillspace.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Binds the current JDBC transaction to a tenant as the service role, as TenantTransactions does, to seed data. */
final class ServiceRoleBinding {

    private ServiceRoleBinding() {
    }

    static void bind(Connection connection, UUID tenant) throws SQLException {
        try (PreparedStatement bind = connection.prepareStatement(
                "select set_config('app.current_tenant_id', ?, true), set_config('app.current_role', 'service', true)")) {
            bind.setString(1, tenant.toString());
            bind.execute();
        }
    }
}
