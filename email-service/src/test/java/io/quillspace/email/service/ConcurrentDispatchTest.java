package io.quillspace.email.service;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.testing.DatabaseProbe;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dispatchers racing over one database's due jobs: leases and skipped locks make each email go out once. */
@QuarkusTest
class ConcurrentDispatchTest {

    private static final int JOBS = 1_000;

    @Inject
    EmailDispatcher dispatcher;

    @Inject
    Vertx vertx;

    @Test
    void twoDispatchersOverAThousandDueJobsSendEachExactlyOnce() {
        UUID tenant = UUID.randomUUID();
        String recipient = "bulk-" + UUID.randomUUID() + "@example.org";
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        runtime.updateAs(tenant.toString(), "", "service", "insert into tenants (id) values (?)", tenant);
        runtime.updateAs(tenant.toString(), "", "service", """
                        insert into email_jobs (id, tenant_id, booking_id, user_id, kind, status, recipient, context,
                                                scheduled_for, message_id)
                        select id, ?, gen_random_uuid(), gen_random_uuid(), 'CONFIRMATION', 'PENDING', ?, cast(? as jsonb),
                               now() - interval '1 minute', '<' || id || '@quillspace.email>'
                        from (select gen_random_uuid() as id from generate_series(1, ?)) jobs""",
                tenant, recipient, """
                        {"inviteeName": "Writer", "eventName": "Consultation", "startTime": "2030-06-06T12:00:00Z",
                         "endTime": "2030-06-06T12:45:00Z", "inviteeTimeZone": "Europe/Madrid",
                         "calendarUid": "bulk@quillspace.email", "calendarSequence": 0}""", JOBS);

        // Beside the service's own notified and scheduled passes, two more race for the same rows.
        CompletableFuture<Void> first = pass(tenant);
        CompletableFuture<Void> second = pass(tenant);
        first.join();
        second.join();

        await().atMost(Duration.ofSeconds(120)).until(() -> ((Number) runtime.queryAs(tenant, null, "service",
                "select count(*) as sent from email_jobs where status = 'SENT'").get(0).get("sent")).intValue() == JOBS);
        Map<String, Long> deliveriesPerJob = Infrastructure.shared().smtp().receivedMessages().stream()
                .filter(message -> recipientOf(message).equals(recipient))
                .collect(Collectors.groupingBy(ConcurrentDispatchTest::jobOf, Collectors.counting()));
        assertEquals(JOBS, deliveriesPerJob.size());
        assertEquals(List.of(1L), deliveriesPerJob.values().stream().distinct().toList(), "each job delivered once");
    }

    private CompletableFuture<Void> pass(UUID tenant) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> dispatcher.dispatchDue(tenant).subscribe().with(done::complete,
                done::completeExceptionally));
        return done;
    }

    private static String recipientOf(jakarta.mail.internet.MimeMessage message) {
        return header(message, m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String jobOf(jakarta.mail.internet.MimeMessage message) {
        return header(message, m -> {
            try {
                return m.getHeader(EmailDispatcher.JOB_ID_HEADER, null);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String header(jakarta.mail.internet.MimeMessage message,
                                 Function<jakarta.mail.internet.MimeMessage, String> read) {
        return read.apply(message);
    }
}
