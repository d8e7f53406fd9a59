package io.quillspace.email.dispatch;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.quillspace.email.sequence.QuietHours;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.testing.DatabaseProbe;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** One test's studio with confirmation jobs written straight into the table, and what the SMTP server got of them. */
final class DueJobs {

    /**
     * The clock of the tests' own dispatchers, a day ahead: jobs due in an hour are theirs alone, and the service's own
     * dispatcher (real time) leaves them be.
     */
    static final Clock A_DAY_AHEAD = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
    /** Due for a dispatcher on {@link #A_DAY_AHEAD}, not yet for the service's own. */
    static final String DUE_FOR_A_DAY_AHEAD = "now() + interval '1 hour'";

    /** A confirmation's context, as the booking event gave it. */
    static final String CONTEXT = """
            {"inviteeName": "Writer", "eventName": "Consultation", "startTime": "2030-06-06T12:00:00Z",
             "endTime": "2030-06-06T12:45:00Z", "inviteeTimeZone": "Europe/Madrid",
             "calendarUid": "dispatch@quillspace.email", "calendarSequence": 0}""";

    /** Time-outs of the tests' own SMTP clients: short, and far shorter than any lease the tests use. */
    static final SmtpSender.Limits QUICK = new SmtpSender.Limits(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), 10);

    /** Retries as the service's defaults make them: 30 s doubling to 1 h, 8 attempts; no quiet hours. */
    static final Settlement DEFAULT_RETRIES = new Settlement(new RetryBackoff(Duration.ofSeconds(30), Duration.ofHours(1)),
            8, Duration.ofSeconds(30), QuietHours.NONE);

    final UUID tenant = UUID.randomUUID();
    final String recipient = "dispatch-" + UUID.randomUUID() + "@example.org";
    private final DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();

    DueJobs() {
        runtime.updateAs(tenant.toString(), "", "service", "insert into tenants (id) values (?)", tenant);
    }

    /** Adds {@code count} confirmation jobs due at {@code dueSql}; returns the ids of all of this studio's jobs. */
    List<UUID> add(int count, String dueSql) {
        runtime.updateAs(tenant.toString(), "", "service", """
                        insert into email_jobs (id, tenant_id, booking_id, user_id, kind, status, recipient, context,
                                                scheduled_for, message_id)
                        select id, ?, gen_random_uuid(), gen_random_uuid(), 'CONFIRMATION', 'PENDING', ?, cast(? as jsonb),
                               %s, '<' || id || '@quillspace.email>'
                        from (select gen_random_uuid() as id from generate_series(1, ?)) jobs""".formatted(dueSql),
                tenant, recipient, CONTEXT, count);
        return runtime.queryAs(tenant, null, "service", "select id from email_jobs order by id").stream()
                .map(row -> (UUID) row.get("id")).toList();
    }

    Map<String, Object> job(UUID id) {
        return runtime.queryAs(tenant, null, "service", """
                select status, attempts, last_error, locked_until, claim_token, sent_at from email_jobs where id = ?""", id)
                .get(0);
    }

    String status(UUID id) {
        return (String) job(id).get("status");
    }

    /** Withdraws a job a test left pending, so no later dispatcher sends it. */
    void cancel(UUID id) {
        runtime.updateAs(tenant.toString(), "", "service",
                "update email_jobs set status = 'CANCELLED', locked_until = null where id = ?", id);
    }

    long sent() {
        return ((Number) runtime.queryAs(tenant, null, "service",
                "select count(*) as sent from email_jobs where status = 'SENT'").get(0).get("sent")).longValue();
    }

    /** How often the SMTP server received each job's message, by job id. */
    Map<String, Long> deliveriesPerJob() {
        return Infrastructure.shared().smtp().receivedMessages().stream()
                .filter(message -> recipient.equals(read(message, m -> m.getAllRecipients()[0].toString())))
                .collect(Collectors.groupingBy(message -> read(message, m -> m.getHeader(MessageBuilder.JOB_ID_HEADER, null)),
                        Collectors.counting()));
    }

    long deliveries(UUID job) {
        return deliveriesPerJob().getOrDefault(job.toString(), 0L);
    }

    /** The Message-IDs the SMTP server received for the job. */
    List<String> messageIds(UUID job) {
        return Infrastructure.shared().smtp().receivedMessages().stream()
                .filter(message -> job.toString().equals(read(message, m -> m.getHeader(MessageBuilder.JOB_ID_HEADER, null))))
                .map(message -> read(message, m -> m.getHeader("Message-ID", null)))
                .toList();
    }

    /** A client of the SMTP server at {@code host:port} (the real one, or a fault proxy in front of it). */
    static SmtpSender sender(io.vertx.mutiny.core.Vertx vertx, String host, int port, SmtpSender.Limits limits) {
        return SmtpSender.to(vertx, new SmtpSender.Relay(host, port, false, "DISABLED", java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty()), limits);
    }

    /** Runs reactive work as the service runs it: on a safe duplicated Vert.x context of its own. */
    static <T> CompletableFuture<T> onVertx(Vertx vertx, Supplier<Uni<T>> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(done::complete, done::completeExceptionally));
        return done;
    }

    private interface Read {
        String from(MimeMessage message) throws MessagingException;
    }

    private static String read(MimeMessage message, Read read) {
        try {
            return read.from(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
