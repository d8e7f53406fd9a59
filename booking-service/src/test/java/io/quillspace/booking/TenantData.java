package io.quillspace.booking;

import io.quillspace.infra.testing.DatabaseProbe;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Seeds bookings straight into the database as the runtime role, bound to their tenant like the service is. */
final class TenantData {

    final DatabaseProbe runtimeRole;

    private TenantData(DatabaseProbe runtimeRole) {
        this.runtimeRole = runtimeRole;
    }

    static TenantData forRuntimeRole() {
        return new TenantData(DatabaseProbe.asRuntimeRole());
    }

    /** A scheduled booking of {@code user} (created if new) in {@code tenant}; returns its id. */
    UUID booking(UUID tenant, UUID user, Instant start) {
        return booking(tenant, user, start, "SCHEDULED");
    }

    /** A booking of {@code user} (created if new) in {@code tenant} in {@code status}; returns its id. */
    UUID booking(UUID tenant, UUID user, Instant start, String status) {
        runtimeRole.updateAs(tenant.toString(), "", "service", """
                        insert into users (id, tenant_id, email, name, created_at) values (?, ?, ?, 'Test Writer', now())
                        on conflict do nothing""",
                user, tenant, user + "@example.org");
        UUID booking = UUID.randomUUID();
        runtimeRole.updateAs(tenant.toString(), "", "service", """
                        insert into consultation_bookings (id, tenant_id, user_id, invitee_uri, event_uri, event_name,
                            status, start_time, end_time, invitee_timezone)
                        values (?, ?, ?, ?, 'https://api.calendly.com/scheduled_events/TEST', 'Consultation',
                            ?, ?, ?, 'Europe/Madrid')""",
                booking, tenant, user, "https://api.calendly.com/invitees/" + booking, status,
                OffsetDateTime.ofInstant(start, ZoneOffset.UTC), OffsetDateTime.ofInstant(start.plusSeconds(2700), ZoneOffset.UTC));
        return booking;
    }
}
