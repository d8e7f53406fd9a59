package io.quillspace.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.quillspace.booking.repository.BookingRepository;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * With one pooled connection, the transaction after tenant A's runs on the very same connection: it must see nothing
 * of A, because the binding is transaction-local.
 */
@QuarkusTest
@TestProfile(PooledConnectionIsolationTest.SingleConnectionPool.class)
class PooledConnectionIsolationTest {

    public static class SingleConnectionPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1");
        }
    }

    @Inject
    BookingRepository bookings;

    @Test
    @RunOnVertxContext
    void theNextTransactionOnTheSameConnectionSeesNothingOfTheLastTenant(UniAsserter asserter) {
        UUID tenantA = UUID.randomUUID();
        TenantData.forRuntimeRole().booking(tenantA, UUID.randomUUID(), Instant.parse("2026-06-01T10:00:00Z"));

        asserter.assertThat(() -> TenantTransactions.inTenant(TenantContext.service(tenantA), bookings::count),
                count -> assertEquals(1L, count));
        asserter.assertThat(() -> Panache.withTransaction(bookings::count), count -> assertEquals(0L, count));
        asserter.assertThat(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("select coalesce(current_setting('app.current_tenant_id', true), '')", String.class)
                        .getSingleResult())),
                tenant -> assertEquals("", tenant));
    }
}
