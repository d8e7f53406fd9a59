package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.DatabaseProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Row-Level Security as the runtime role, through plain SQL: what a bug in the service could at most reach. */
@QuarkusTest
class TenantIsolationTest {

    final UUID tenantA = UUID.randomUUID();
    final UUID tenantB = UUID.randomUUID();
    final UUID userA = UUID.randomUUID();
    final UUID otherUserA = UUID.randomUUID();
    TenantData data;
    DatabaseProbe db;
    UUID bookingA;

    @BeforeEach
    void seed() {
        data = TenantData.forRuntimeRole();
        db = data.runtimeRole;
        bookingA = data.booking(tenantA, userA, Instant.parse("2026-05-01T10:00:00Z"));
        data.booking(tenantA, otherUserA, Instant.parse("2026-05-02T10:00:00Z"));
    }

    @Test
    void theSeededRowsAreThereForTheirTenant() {
        assertEquals(2, db.queryAs(tenantA, null, "service", "select id from consultation_bookings").size());
    }

    @Test
    void withNoTenantBoundNothingIsVisible() {
        assertEquals(0, db.query("select id from consultation_bookings").size());
        assertEquals(0, db.query("select id from users").size());
    }

    @Test
    void withNoTenantBoundNothingCanBeInserted() {
        var refused = assertThrows(IllegalStateException.class, () -> db.updateAs("", "", "", """
                insert into users (id, tenant_id, email, created_at) values (?, ?, 'nobody@example.org', now())""",
                UUID.randomUUID(), tenantA));
        assertTrue(refused.getMessage().contains("row-level security"), refused.getMessage());
    }

    @Test
    void anotherTenantCannotReadUpdateOrDeleteTheRows() {
        assertEquals(0, db.queryAs(tenantB, null, "admin", "select id from consultation_bookings where id = ?", bookingA).size());
        assertEquals(0, db.updateAs(tenantB.toString(), "", "admin",
                "update consultation_bookings set event_name = 'hijacked' where id = ?", bookingA));
        assertEquals(0, db.updateAs(tenantB.toString(), "", "admin", "delete from consultation_bookings where id = ?", bookingA));
        assertEquals("Consultation", db.queryAs(tenantA, null, "service",
                "select event_name from consultation_bookings where id = ?", bookingA).get(0).get("event_name"));
    }

    @Test
    void anotherTenantCannotInsertRowsIntoThisTenant() {
        var refused = assertThrows(IllegalStateException.class, () -> db.updateAs(tenantB.toString(), "", "admin", """
                insert into users (id, tenant_id, email, created_at) values (?, ?, 'intruder@example.org', now())""",
                UUID.randomUUID(), tenantA));
        assertTrue(refused.getMessage().contains("new row violates row-level security policy"), refused.getMessage());
    }

    @Test
    void aUserSeesOnlyTheirOwnRowsAndAnAdminTheWholeTenant() {
        assertEquals(1, db.queryAs(tenantA, userA, "user", "select id from consultation_bookings").size());
        assertEquals(bookingA, db.queryAs(tenantA, userA, "user", "select id from consultation_bookings").get(0).get("id"));
        assertEquals(2, db.queryAs(tenantA, null, "admin", "select id from consultation_bookings").size());
    }

    @Test
    void aUserCannotWriteAnotherUsersRow() {
        assertEquals(0, db.updateAs(tenantA.toString(), otherUserA.toString(), "user",
                "update consultation_bookings set event_name = 'mine now' where id = ?", bookingA));
    }

    @Test
    void aHostileTenantValueIsDataNotSql() {
        var refused = assertThrows(IllegalStateException.class,
                () -> db.updateAs("' or 1=1 --", "", "admin", "delete from consultation_bookings"));
        assertTrue(refused.getMessage().contains("invalid input syntax for type uuid"), refused.getMessage());
        assertEquals(2, db.queryAs(tenantA, null, "service", "select id from consultation_bookings").size());
    }
}
