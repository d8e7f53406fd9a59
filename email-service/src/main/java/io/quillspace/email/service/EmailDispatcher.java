package io.quillspace.email.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.quillspace.email.config.EmailConfig;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Sends due email jobs, one tenant at a time and one transaction per job: the job's row is locked, the message handed
 * to the SMTP server, and the job marked SENT in that transaction, so a failure never re-sends other jobs. A job that
 * cannot be rendered or sent is retried with backoff and marked FAILED after {@code max-attempts}.
 */
@ApplicationScoped
public class EmailDispatcher {

    private static final Logger LOG = Logger.getLogger(EmailDispatcher.class);
    static final String JOB_ID_HEADER = "X-QuillSpace-Email-Job";

    private final EmailJobRepository jobs;
    private final EmailRenderer renderer;
    private final ReactiveMailer mailer;
    private final EmailConfig config;

    public EmailDispatcher(EmailJobRepository jobs, EmailRenderer renderer, ReactiveMailer mailer, EmailConfig config) {
        this.jobs = jobs;
        this.renderer = renderer;
        this.mailer = mailer;
        this.config = config;
    }

    // Not before the application is up, nor while it shuts down.
    @Scheduled(every = "${quillspace.email.dispatch-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> dispatchDue() {
        return TenantTransactions.forEachKnownTenant("email dispatch", this::dispatchDue);
    }

    Uni<Void> dispatchDue(UUID tenantId) {
        TenantContext tenant = TenantContext.service(tenantId);
        return TenantTransactions.inTenant(tenant, () -> jobs.dueIds(Instant.now(), config.batchSize()))
                .onItem().transformToMulti(due -> Multi.createFrom().iterable(due))
                .onItem().transformToUniAndConcatenate(id -> TenantTransactions.inTenant(tenant,
                        () -> jobs.lockIfDue(id, Instant.now())
                                .chain(job -> job == null ? Uni.createFrom().voidItem() : send(job))))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> send(EmailJob job) {
        job.attempts++;
        return Uni.createFrom().deferred(() -> {
                    EmailRenderer.Rendered rendered = renderer.render(job);
                    Mail mail = Mail.withHtml(job.recipient, rendered.subject(), rendered.html())
                            .setText(rendered.text())
                            .addHeader(JOB_ID_HEADER, job.id.toString());
                    return TenantTransactions.resumeOnCallerContext(mailer.send(mail));
                })
                .invoke(() -> {
                    job.status = EmailJob.Status.SENT;
                    job.sentAt = Instant.now();
                    job.lastError = null;
                    LOG.infof("email job %s (%s of booking %s) sent", job.id, job.kind, job.bookingId);
                })
                .onFailure().recoverWithItem(failure -> {
                    job.lastError = failure.toString();
                    if (job.attempts >= config.maxAttempts()) {
                        job.status = EmailJob.Status.FAILED;
                        LOG.errorf("email job %s failed for good after %d attempts: %s", job.id, job.attempts, failure);
                    } else {
                        job.scheduledFor = Instant.now().plus(config.retryBackoff().multipliedBy(job.attempts));
                        LOG.warnf("email job %s attempt %d failed, retrying: %s", job.id, job.attempts, failure);
                    }
                    return null;
                });
    }
}
