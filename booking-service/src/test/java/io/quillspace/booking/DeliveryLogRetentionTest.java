package io.quillspace.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.quillspace.booking.calendly.DeliveryLogRetention;
import io.quillspace.infra.testing.DatabaseProbe;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@QuarkusTest
class DeliveryLogRetentionTest {

    @Inject
    DeliveryLogRetention retention;

    final DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();

    @Test
    @RunOnVertxContext
    void entriesOlderThanTheRetentionArePurgedInEveryTenantAndYoungerOnesStay(UniAsserter asserter) {
        Instant now = Instant.now();
        UUID tenantA = UUID.randomUUID();
        UUID tenantB = UUID.randomUUID();
        UUID oldA = logged(tenantA, now.minus(Duration.ofDays(31)));
        UUID freshA = logged(tenantA, now.minus(Duration.ofDays(29)));
        UUID oldB = logged(tenantB, now.minus(Duration.ofDays(90)));

        asserter.assertThat(() -> retention.purge(now), purged -> assertTrue(purged >= 2, "purged " + purged));
        asserter.execute(() -> {
            assertEquals(List.of(freshA), remaining(tenantA), oldA + " went, " + freshA + " stayed");
            assertEquals(List.of(), remaining(tenantB), oldB + " went");
        });
    }

    private UUID logged(UUID tenant, Instant processedAt) {
        UUID delivery = UUID.randomUUID();
        runtime.updateAs(tenant.toString(), "", "service", "insert into tenants (id) values (?) on conflict do nothing",
                tenant);
        runtime.updateAs(tenant.toString(), "", "service", """
                        insert into processed_deliveries (tenant_id, delivery_id, event, outcome, processed_at)
                        values (?, ?, 'invitee.created', 'applied', ?)""",
                tenant, delivery, OffsetDateTime.ofInstant(processedAt, ZoneOffset.UTC));
        return delivery;
    }

    /** The tenant's entries: each test tenant is new, so these are the test's own. */
    private List<UUID> remaining(UUID tenant) {
        return runtime.queryAs(tenant, null, "service",
                        "select delivery_id from processed_deliveries order by processed_at").stream()
                .map(row -> (UUID) row.get("delivery_id"))
                .toList();
    }
}
