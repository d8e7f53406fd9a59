package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.ManagementInterface;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** The email queue gauges operators alert on are counted from the jobs table, as a real scrape shows. */
@QuarkusTest
class EmailQueueMetricsTest {

    /** The gauges refresh every 15 s. */
    static final Duration REFRESHED = Duration.ofSeconds(40);

    @Test
    void aDueJobHeldByAnotherWorkerShowsAsPendingAndAsTheOldestDueAgeUntilItIsSettled() {
        UUID tenant = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        DatabaseProbe probe = DatabaseProbe.asRuntimeRole();
        probe.updateAs(tenant.toString(), "", "service", "insert into tenants (id) values (?)", tenant);
        // Due ten minutes ago and leased to a worker for an hour: nobody here may send it, so it keeps waiting.
        probe.updateAs(tenant.toString(), "", "service", """
                        insert into email_jobs (id, tenant_id, booking_id, user_id, kind, status, recipient, context,
                                                scheduled_for, locked_until, message_id)
                        values (?, ?, ?, ?, 'CONFIRMATION', 'PENDING', 'held@example.org', '{}'::jsonb,
                                now() - interval '10 minutes', now() + interval '1 hour', '<' || gen_random_uuid() || '@test>')""",
                job, tenant, UUID.randomUUID(), UUID.randomUUID());

        await().atMost(REFRESHED).until(() -> oldestDueAgeSeconds() >= 600 && pending() >= 1);

        probe.updateAs(tenant.toString(), "", "service", "update email_jobs set status = 'CANCELLED' where id = ?", job);
        await().atMost(REFRESHED).until(() -> oldestDueAgeSeconds() < 600);
    }

    private static double pending() {
        return ManagementInterface.metric("email_jobs_pending").orElseThrow();
    }

    private static double oldestDueAgeSeconds() {
        return ManagementInterface.metric("email_jobs_oldest_due_age_seconds").orElseThrow();
    }
}
