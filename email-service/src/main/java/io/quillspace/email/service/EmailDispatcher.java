package io.quillspace.email.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.quillspace.email.config.EmailConfig;
import io.quillspace.email.entity.BookingProjection;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.BookingProjectionRepository;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.email.repository.SuppressionRepository;
import io.quillspace.email.sequence.EmailSequence;
import io.quillspace.email.sequence.QuietHours;
import io.quillspace.email.unsubscribe.Unsubscribes;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantSignals;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.mutiny.ext.mail.MailClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sends due email jobs. A pass claims a tenant's due jobs with a lease ({@code FOR UPDATE SKIP LOCKED} in a short
 * transaction), so no row lock is held while SMTP talks and a crashed worker's jobs return when the lease ends. Each
 * job is then checked against the booking as this service now knows it (a canceled booking's reminder is withdrawn
 * even when the cancel came after the claim), rendered, handed to SMTP with its fixed Message-ID, and marked SENT with
 * the server's answer. A job due when it is committed is sent at once (the {@code email_jobs_due} notification); the
 * scheduled pass is the safety net for future and retried jobs. Failures back off exponentially with jitter; an SMTP
 * server that cannot be reached at all does not use up a job's attempts.
 */
@ApplicationScoped
public class EmailDispatcher {

    private static final Logger LOG = Logger.getLogger(EmailDispatcher.class);
    static final String JOB_ID_HEADER = "X-QuillSpace-Email-Job";
    static final String DUE_CHANNEL = "email_jobs_due";

    private final EmailJobRepository jobs;
    private final BookingProjectionRepository bookings;
    private final SuppressionRepository suppressions;
    private final EmailTemplates templates;
    private final Unsubscribes unsubscribes;
    private final MailClient mail;
    private final EmailConfig config;
    private final Clock clock;
    private final String from;
    private final RetryBackoff backoff;
    private final TenantSignals due = new TenantSignals(DUE_CHANNEL, this::dispatchDue, this::dispatchAll);
    private final Map<EmailJob.Kind, Counter> sent = new EnumMap<>(EmailJob.Kind.class);
    private final Map<EmailJob.Kind, Counter> failed = new EnumMap<>(EmailJob.Kind.class);
    private final Timer processing;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestDueSeconds = new AtomicLong();
    private volatile Vertx vertx;

    /** What the last look before sending decided. */
    private record Verdict(EmailJob.Status withdrawAs, String reason) {
        static final Verdict SEND = new Verdict(null, null);
    }

    public EmailDispatcher(EmailJobRepository jobs, BookingProjectionRepository bookings, SuppressionRepository suppressions,
                           EmailTemplates templates, Unsubscribes unsubscribes, MailClient mail, EmailConfig config,
                           Clock clock, MeterRegistry registry, @ConfigProperty(name = "quarkus.mailer.from") String from) {
        this.jobs = jobs;
        this.bookings = bookings;
        this.suppressions = suppressions;
        this.templates = templates;
        this.unsubscribes = unsubscribes;
        this.mail = mail;
        this.config = config;
        this.clock = clock;
        this.from = from;
        this.backoff = new RetryBackoff(config.retry().first(), config.retry().max());
        for (EmailJob.Kind kind : EmailJob.Kind.values()) {
            sent.put(kind, Counter.builder("email.jobs.sent").description("Emails handed to the SMTP server")
                    .tag("kind", kind.name()).register(registry));
            failed.put(kind, Counter.builder("email.jobs.failed").description("Emails given up after the last attempt")
                    .tag("kind", kind.name()).register(registry));
        }
        this.processing = Timer.builder("email.processing.duration")
                .description("From claiming an email job to its outcome (sent, withdrawn or rescheduled)")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("email.jobs.pending", pending, AtomicLong::get)
                .description("Email jobs waiting to be sent, due or not").register(registry);
        Gauge.builder("email.jobs.oldest.due.age.seconds", oldestDueSeconds, AtomicLong::get)
                .description("How long the oldest due email job has waited").register(registry);
    }

    void startListening(@Observes StartupEvent started, Vertx vertx) {
        this.vertx = vertx;
        due.listen(vertx, TenantSignals.datasource());
    }

    void stopListening(@Observes ShutdownEvent stopping) {
        due.close();
    }

    // Not before the application is up, nor while it shuts down.
    @Scheduled(every = "${quillspace.email.dispatch-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> dispatchAll() {
        return TenantTransactions.forEachKnownTenant("email dispatch", this::dispatchDue);
    }

    /** Claims and sends the tenant's due jobs, batch after batch, until none is left to claim. */
    Uni<Void> dispatchDue(UUID tenantId) {
        Instant now = clock.instant();
        // Stored with microsecond precision, compared for equality when the job is settled: no finer than that.
        Instant lease = now.plus(config.lease()).truncatedTo(ChronoUnit.MILLIS);
        return TenantTransactions.inTenant(TenantContext.service(tenantId), () -> jobs.claimDue(now, lease, config.batchSize()))
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : Multi.createFrom().iterable(claimed)
                        .onItem().transformToUni(job -> onOwnContext(() -> process(job, lease)))
                        .merge(config.sendConcurrency())
                        .collect().last()
                        .chain(() -> claimed.size() < config.batchSize() ? Uni.createFrom().voidItem() : dispatchDue(tenantId)));
    }

    private Uni<Void> process(EmailJob job, Instant lease) {
        Timer.Sample timing = Timer.start();
        TenantContext tenant = TenantContext.service(job.tenantId);
        return TenantTransactions.inTenant(tenant, () -> bookings.findById(job.bookingId).chain(booking -> verdict(job, booking)))
                .chain(verdict -> verdict.withdrawAs() != null
                        ? settle(job, lease, claimed -> withdraw(claimed, verdict))
                        : send(job).onItemOrFailure().transformToUni((result, failure) -> failure == null
                                ? settle(job, lease, claimed -> markSent(claimed, result))
                                : settle(job, lease, claimed -> markFailedAttempt(claimed, failure))))
                .eventually(() -> timing.stop(processing));
    }

    private Uni<Verdict> verdict(EmailJob job, BookingProjection booking) {
        Optional<String> withdraw = SendCheck.reasonToWithdraw(job.kind, booking);
        if (withdraw.isPresent()) {
            return Uni.createFrom().item(new Verdict(EmailJob.Status.CANCELLED, withdraw.get()));
        }
        if (job.kind.transactional()) {
            return Uni.createFrom().item(Verdict.SEND);
        }
        return suppressions.isSuppressed(job.recipient).map(suppressed -> suppressed
                ? new Verdict(EmailJob.Status.SUPPRESSED, "the recipient unsubscribed") : Verdict.SEND);
    }

    /** Renders and hands the job to SMTP; completes with the server's acceptance. */
    private Uni<MailResult> send(EmailJob job) {
        String unsubscribeUrl = job.kind.transactional() ? null : unsubscribes.url(job.tenantId, job.recipient);
        return Uni.createFrom().deferred(() -> templates.render(job.tenantId, job.kind,
                        EmailTemplates.Data.of(job.context, unsubscribeUrl)))
                .chain(rendered -> TenantTransactions.resumeOnCallerContext(
                        mail.sendMail(message(job, rendered, unsubscribeUrl))));
    }

    private MailMessage message(EmailJob job, EmailTemplates.Rendered rendered, String unsubscribeUrl) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Message-ID", job.messageId)
                .add(JOB_ID_HEADER, job.id.toString());
        if (unsubscribeUrl != null) {
            headers.add("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            headers.add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        MailMessage message = new MailMessage().setFrom(from).setTo(job.recipient).setSubject(rendered.subject())
                .setHtml(rendered.html()).setText(rendered.text()).setHeaders(headers);
        invitation(job).ifPresent(ics -> message.setAttachment(List.of(ics)));
        return message;
    }

    /** The calendar invitation confirmations and reschedules carry, and the cancellation that removes it. */
    private Optional<MailAttachment> invitation(EmailJob job) {
        IcsCalendar.Method method = switch (job.kind) {
            case CONFIRMATION, RESCHEDULED -> IcsCalendar.Method.REQUEST;
            case CANCELLATION -> IcsCalendar.Method.CANCEL;
            default -> null;
        };
        if (method == null) {
            return Optional.empty();
        }
        EmailJob.MeetingContext meeting = job.context;
        EmailJob.Location location = meeting.location();
        String where = location == null ? null : location.joinUrl() != null ? location.joinUrl() : location.location();
        String ics = IcsCalendar.render(method, meeting.calendarUid(), meeting.calendarSequence(), meeting.startTime(),
                meeting.endTime(), clock.instant(), meeting.eventName() == null ? "Consultation" : meeting.eventName(),
                where, organizer());
        return Optional.of(MailAttachment.create()
                .setData(Buffer.buffer(ics))
                .setContentType("text/calendar; method=" + method + "; charset=UTF-8")
                .setName(method == IcsCalendar.Method.CANCEL ? "cancel.ics" : "invite.ics"));
    }

    private String organizer() {
        int open = from.indexOf('<');
        return open < 0 ? from.trim() : from.substring(open + 1, from.indexOf('>', open)).trim();
    }

    /** Updates the job in its own transaction if this worker's claim on it still holds. */
    private Uni<Void> settle(EmailJob job, Instant lease, java.util.function.Consumer<EmailJob> outcome) {
        return TenantTransactions.inTenant(TenantContext.service(job.tenantId), () -> jobs.lockClaimed(job.id, lease)
                .invoke(claimed -> {
                    if (claimed == null) {
                        LOG.warnf("email job %s: claim expired before it was settled; another worker has it", job.id);
                        return;
                    }
                    claimed.lockedUntil = null;
                    claimed.updatedAt = clock.instant();
                    outcome.accept(claimed);
                }))
                .replaceWithVoid();
    }

    private void withdraw(EmailJob job, Verdict verdict) {
        job.status = verdict.withdrawAs();
        job.lastError = verdict.reason();
        LOG.infof("email job %s (%s of booking %s) withdrawn: %s", job.id, job.kind, job.bookingId, verdict.reason());
    }

    private void markSent(EmailJob job, MailResult result) {
        job.status = EmailJob.Status.SENT;
        job.sentAt = clock.instant();
        job.lastError = null;
        job.smtpResponse = "accepted as " + result.getMessageID() + " for " + result.getRecipients();
        sent.get(job.kind).increment();
        LOG.infof("email job %s (%s of booking %s) sent", job.id, job.kind, job.bookingId);
    }

    private void markFailedAttempt(EmailJob job, Throwable failure) {
        job.lastError = failure.toString();
        if (SmtpFailures.isUnreachable(failure)) {
            job.scheduledFor = EmailSequence.sendableFrom(job.kind, job.context,
                    clock.instant().plus(jittered(config.retry().whileUnreachable())), QuietHours.of(config));
            LOG.warnf("email job %s: SMTP server unreachable, retrying without counting an attempt: %s", job.id, failure);
            return;
        }
        job.attempts++;
        if (job.attempts >= config.maxAttempts()) {
            job.status = EmailJob.Status.FAILED;
            failed.get(job.kind).increment();
            LOG.errorf("email job %s failed for good after %d attempts: %s", job.id, job.attempts, failure);
        } else {
            job.scheduledFor = EmailSequence.sendableFrom(job.kind, job.context,
                    clock.instant().plus(backoff.after(job.attempts, ThreadLocalRandom.current().nextDouble())),
                    QuietHours.of(config));
            LOG.warnf("email job %s attempt %d failed, retrying: %s", job.id, job.attempts, failure);
        }
    }

    private static Duration jittered(Duration delay) {
        return Duration.ofMillis(Math.round(delay.toMillis() * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
    }

    /** Each job's transactions run on a context of their own, so jobs of one pass are sent side by side. */
    private <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().<T>deferred(work::get).runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** Refreshes the backlog gauges from every tenant's jobs. */
    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> measureBacklog() {
        Instant now = clock.instant();
        AtomicLong count = new AtomicLong();
        AtomicLong oldest = new AtomicLong();
        return TenantTransactions.forEachKnownTenant("email backlog",
                        tenant -> TenantTransactions.inTenant(TenantContext.service(tenant), () -> jobs.backlog(now))
                                .invoke(row -> {
                                    count.addAndGet(((Number) row[0]).longValue());
                                    Instant due = row[1] == null ? null : instant(row[1]);
                                    if (due != null) {
                                        oldest.accumulateAndGet(Duration.between(due, now).toSeconds(), Math::max);
                                    }
                                })
                                .replaceWithVoid())
                .invoke(() -> {
                    pending.set(count.get());
                    oldestDueSeconds.set(oldest.get());
                });
    }

    private static Instant instant(Object value) {
        return value instanceof java.time.OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }
}
