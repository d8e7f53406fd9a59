package io.quillspace.email.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What operators watch of dispatch: mails sent and failed per kind, claims lost, time per job, and the backlog. */
@ApplicationScoped
public class DispatchMetrics {

    private final EmailJobRepository jobs;
    private final Clock clock;
    private final Map<EmailJob.Kind, Counter> sent = new EnumMap<>(EmailJob.Kind.class);
    private final Map<EmailJob.Kind, Counter> failed = new EnumMap<>(EmailJob.Kind.class);
    private final Counter claimsLost;
    private final Timer processing;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestDueSeconds = new AtomicLong();

    public DispatchMetrics(EmailJobRepository jobs, Clock clock, MeterRegistry registry) {
        this.jobs = jobs;
        this.clock = clock;
        for (EmailJob.Kind kind : EmailJob.Kind.values()) {
            sent.put(kind, Counter.builder("email.jobs.sent").description("Emails handed to the SMTP server")
                    .tag("kind", kind.name()).register(registry));
            failed.put(kind, Counter.builder("email.jobs.failed").description("Emails given up after the last attempt")
                    .tag("kind", kind.name()).register(registry));
        }
        this.claimsLost = Counter.builder("email.claims.lost")
                .description("Claimed jobs skipped because another worker claimed them after their lease ran out")
                .register(registry);
        this.processing = Timer.builder("email.processing.duration")
                .description("From claiming an email job to its outcome (sent, withdrawn or rescheduled)")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("email.jobs.pending", pending, AtomicLong::get)
                .description("Email jobs waiting to be sent, due or not").register(registry);
        Gauge.builder("email.jobs.oldest.due.age.seconds", oldestDueSeconds, AtomicLong::get)
                .description("How long the oldest due email job has waited").register(registry);
    }

    void sent(EmailJob.Kind kind) {
        sent.get(kind).increment();
    }

    void failed(EmailJob.Kind kind) {
        failed.get(kind).increment();
    }

    void claimLost() {
        claimsLost.increment();
    }

    Timer.Sample startProcessing() {
        return Timer.start();
    }

    void processed(Timer.Sample timing) {
        timing.stop(processing);
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
                                    if (row[1] != null) {
                                        Instant due = row[1] instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) row[1];
                                        oldest.accumulateAndGet(Duration.between(due, now).toSeconds(), Math::max);
                                    }
                                })
                                .replaceWithVoid())
                .invoke(() -> {
                    pending.set(count.get());
                    oldestDueSeconds.set(oldest.get());
                });
    }
}
