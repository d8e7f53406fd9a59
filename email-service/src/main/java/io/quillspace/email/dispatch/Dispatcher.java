package io.quillspace.email.dispatch;

import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.quillspace.email.entity.EmailJob;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailMessage;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One worker's passes over a tenant's due jobs: claim a batch, then for each job (a few side by side) decide, render,
 * confirm the claim, hand it to SMTP and settle it. Every job ends on its own: a failure in one job's decision,
 * confirmation or settlement is logged and leaves that job to its lease, never cancelling a sibling whose SMTP hand-off
 * may already have happened.
 */
public final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    /** How one worker claims and sends: the lease of a claim, jobs per claim, and jobs handed to SMTP at once. */
    public record Settings(java.time.Duration lease, int batchSize, int sendConcurrency) {
    }

    private final JobClaims claims;
    private final SendDecision decision;
    private final MessageBuilder messages;
    private final SmtpSender smtp;
    private final Settlement settlement;
    private final DispatchMetrics metrics;
    private final Settings settings;
    private final Clock clock;
    private final Vertx vertx;

    Dispatcher(JobClaims claims, SendDecision decision, MessageBuilder messages, SmtpSender smtp, Settlement settlement,
               DispatchMetrics metrics, Settings settings, Clock clock, Vertx vertx) {
        this.claims = claims;
        this.decision = decision;
        this.messages = messages;
        this.smtp = smtp;
        this.settlement = settlement;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.vertx = vertx;
    }

    /** Claims and sends the tenant's due jobs, batch after batch, until none is left to claim. */
    public Uni<Void> dispatchDue(UUID tenantId) {
        return claims.claim(tenantId, settings.batchSize())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : Multi.createFrom().iterable(claimed)
                        .onItem().transformToUni(job -> onOwnContext(() -> process(job)))
                        .merge(settings.sendConcurrency())
                        .collect().last()
                        .chain(() -> claimed.size() < settings.batchSize() ? Uni.createFrom().voidItem()
                                : dispatchDue(tenantId)));
    }

    private Uni<Void> process(EmailJob job) {
        Timer.Sample timing = metrics.startProcessing();
        return decision.about(job)
                .chain(verdict -> verdict.send() ? deliver(job)
                        : settle(job, claimed -> {
                            Settlement.withdrawn(claimed, verdict);
                            LOG.infof("email job %s (%s of booking %s) withdrawn: %s", job.id, job.kind, job.bookingId,
                                    verdict.reason());
                        }))
                .onFailure().invoke(failure -> LOG.warnf("email job %s left to its lease, to be tried again: %s", job.id,
                        failure.toString()))
                .onFailure().recoverWithNull()
                .eventually(() -> metrics.processed(timing))
                .replaceWithVoid();
    }

    private Uni<Void> deliver(EmailJob job) {
        return messages.build(job).onItemOrFailure().transformToUni((message, failure) -> {
            if (failure instanceof MessageBuilder.Unrenderable) {
                return settle(job, claimed -> failed(claimed, failure));
            }
            if (failure != null) {
                return Uni.createFrom().failure(failure);
            }
            // The last moment the job can still be left alone: from here on it may reach the recipient.
            return smtp.whenConnectionFree(() -> claims.confirm(job).chain(held -> held ? handOver(job, message) : lost(job)));
        });
    }

    private Uni<Void> handOver(EmailJob job, MailMessage message) {
        return smtp.send(message).onItemOrFailure().transformToUni((result, failure) -> failure == null
                ? settle(job, claimed -> {
                    Settlement.sent(claimed, result, clock.instant());
                    metrics.sent(claimed.kind);
                    LOG.infof("email job %s (%s of booking %s) sent", job.id, job.kind, job.bookingId);
                })
                : settle(job, claimed -> failed(claimed, failure)));
    }

    private Uni<Void> lost(EmailJob job) {
        metrics.claimLost();
        LOG.infof("email job %s skipped: its lease ran out and another worker claimed it", job.id);
        return Uni.createFrom().voidItem();
    }

    private void failed(EmailJob job, Throwable failure) {
        switch (settlement.afterFailure(job, failure, clock.instant(), ThreadLocalRandom.current().nextDouble())) {
            case RETRY_UNREACHABLE -> LOG.warnf("email job %s: SMTP server unreachable, retrying without counting an"
                    + " attempt: %s", job.id, failure);
            case RETRY -> LOG.warnf("email job %s attempt %d failed, retrying: %s", job.id, job.attempts, job.lastError);
            case FAILED -> {
                metrics.failed(job.kind);
                LOG.errorf("email job %s failed for good after %d attempts: %s", job.id, job.attempts, job.lastError);
            }
        }
    }

    /** Writes the outcome if this worker's claim still holds. */
    private Uni<Void> settle(EmailJob job, java.util.function.Consumer<EmailJob> outcome) {
        return claims.settle(job, outcome).invoke(settled -> {
            if (!settled) {
                LOG.warnf("email job %s: claim lost before it was settled; another worker has it", job.id);
            }
        }).replaceWithVoid();
    }

    /** Each job's transactions run on a context of their own, so jobs of one pass are sent side by side. */
    private <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().<T>deferred(work::get).runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
