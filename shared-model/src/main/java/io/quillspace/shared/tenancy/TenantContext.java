package io.quillspace.shared.tenancy;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who a unit of work acts for: the tenant (studio), the user if a person is behind it, and the role. Row-Level Security
 * policies read these values from transaction-local settings (see {@link TenantTransactions}).
 */
public record TenantContext(UUID tenantId, Optional<UUID> userId, Role role) {

    public enum Role {
        /** A client: sees their own rows only. */
        USER("user"),
        /** Studio staff: sees every row of the tenant. */
        ADMIN("admin"),
        /** A service acting on an event for the tenant (Kafka consumers, schedulers): sees every row of the tenant. */
        SERVICE("service");

        private final String setting;

        Role(String setting) {
            this.setting = setting;
        }

        /** The value policies compare {@code app.current_role} with. */
        public String setting() {
            return setting;
        }
    }

    public TenantContext {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    /** A service working on an event of the given tenant, not on behalf of one user. */
    public static TenantContext service(UUID tenantId) {
        return new TenantContext(tenantId, Optional.empty(), Role.SERVICE);
    }
}
