package io.quillspace.email.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The due-notification as the service commits a confirmation: the transaction begins, the application reads its clock
 * for {@code scheduled_for} a little later, inserts, commits. The job is due, so listeners hear of it at commit.
 */
@QuarkusTest
class DueNotificationTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aJobDueWhenItIsWrittenIsSignalledEvenThoughItsTransactionBeganEarlier() throws Exception {
        UUID tenant = UUID.randomUUID();
        try (Connection listener = listener()) {

            commitJob(tenant, "clock_timestamp()");

            assertEquals(tenant.toString(), awaitNotification(listener, tenant));
        }
    }

    @Test
    void aJobDueLaterIsLeftToTheScheduledPass() throws Exception {
        UUID tenant = UUID.randomUUID();
        try (Connection listener = listener()) {

            commitJob(tenant, "clock_timestamp() + interval '1 hour'");
            commitJob(UUID.randomUUID(), "clock_timestamp()");

            assertNull(awaitNotification(listener, tenant));
        }
    }

    private Connection listener() throws Exception {
        Connection listener = DriverManager.getConnection(url, user, password);
        try (Statement listen = listener.createStatement()) {
            listen.execute("listen " + EmailDispatcher.DUE_CHANNEL);
        }
        return listener;
    }

    /** Inserts a due job the way the service does: its due time read after its transaction began. */
    private void commitJob(UUID tenant, String due) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            try (PreparedStatement bind = connection.prepareStatement(
                    "select set_config('app.current_tenant_id', ?, true), set_config('app.current_role', 'service', true)");
                 PreparedStatement insert = connection.prepareStatement("""
                         insert into email_jobs (id, tenant_id, booking_id, user_id, kind, status, recipient, context,
                                                 scheduled_for, message_id)
                         values (gen_random_uuid(), ?, gen_random_uuid(), gen_random_uuid(), 'CONFIRMATION', 'PENDING',
                                 'due-notification@example.org', cast(? as jsonb), %s, '<' || gen_random_uuid() || '@test>')"""
                         .formatted(due));
                 Statement pause = connection.createStatement()) {
                bind.setString(1, tenant.toString());
                bind.execute();
                // now() is fixed here, at the transaction's start; the due time below is read 100 ms later.
                pause.execute("select pg_sleep(0.1)");
                insert.setObject(1, tenant);
                insert.setString(2, DueJobs.CONTEXT);
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    /** The first notification naming {@code tenant} within 3 s, or null. Other tests' notifications pass by. */
    private static String awaitNotification(Connection listener, UUID tenant) throws Exception {
        long deadline = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < deadline) {
            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(200);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    if (notification.getParameter().equals(tenant.toString())) {
                        return notification.getParameter();
                    }
                }
            }
        }
        return null;
    }
}
