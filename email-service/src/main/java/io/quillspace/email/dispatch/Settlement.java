package io.quillspace.email.dispatch;

import io.quillspace.email.config.EmailConfig;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.sequence.EmailSequence;
import io.quillspace.email.sequence.QuietHours;
import io.vertx.ext.mail.MailResult;
import io.vertx.ext.mail.SMTPException;

import java.time.Duration;
import java.time.Instant;

/**
 * What an attempt makes of a job: SENT with the server's answer, withdrawn, retried later, or FAILED for good.
 * <p>
 * A send that ends without an SMTP answer (the idle time-out cut a silent relay off, or the connection dropped) may
 * have been accepted: after {@code DATA} the client cannot tell. Such a job is retried like a refused one, with the
 * same Message-ID, because a confirmation that never arrives costs a studio more than a second copy: the copy carries
 * the id of the first, so mail clients that thread or de-duplicate by Message-ID show one message. Marking it "sent,
 * outcome unknown" instead would silently lose every message the relay had not yet taken.
 */
public record Settlement(RetryBackoff backoff, int maxAttempts, Duration whileUnreachable, QuietHours quietHours) {

    /** What a failed attempt led to. */
    public enum AfterFailure {
        /** The SMTP server could not be reached: no attempt counted. */
        RETRY_UNREACHABLE,
        RETRY,
        FAILED
    }

    static Settlement of(EmailConfig config) {
        return new Settlement(new RetryBackoff(config.retry().first(), config.retry().max()), config.maxAttempts(),
                config.retry().whileUnreachable(), QuietHours.of(config));
    }

    static void sent(EmailJob job, MailResult result, Instant now) {
        job.status = EmailJob.Status.SENT;
        job.sentAt = now;
        job.lastError = null;
        job.smtpResponse = "accepted as " + result.getMessageID() + " for " + result.getRecipients();
    }

    static void withdrawn(EmailJob job, SendDecision.Verdict verdict) {
        job.status = verdict.withdrawAs();
        job.lastError = verdict.reason();
    }

    /**
     * Records the failed attempt on the job and decides its next step.
     *
     * @param random a uniform draw in [0, 1), for the jitter
     */
    AfterFailure afterFailure(EmailJob job, Throwable failure, Instant now, double random) {
        if (failure instanceof MessageBuilder.Unrenderable) {
            job.attempts++;
            job.status = EmailJob.Status.FAILED;
            job.lastError = failure.getMessage();
            return AfterFailure.FAILED;
        }
        if (SmtpFailures.isUnreachable(failure)) {
            job.lastError = failure.toString();
            retryAt(job, now.plus(Duration.ofMillis(Math.round(whileUnreachable.toMillis() * (0.8 + 0.4 * random)))));
            return AfterFailure.RETRY_UNREACHABLE;
        }
        job.lastError = failure instanceof SMTPException ? failure.toString()
                : "no answer from the SMTP server, it may have accepted the message (a retry carries the same"
                + " Message-ID): " + failure;
        job.attempts++;
        if (job.attempts >= maxAttempts) {
            job.status = EmailJob.Status.FAILED;
            return AfterFailure.FAILED;
        }
        retryAt(job, now.plus(backoff.after(job.attempts, random)));
        return AfterFailure.RETRY;
    }

    /** A retried follow-up still waits out the recipient's night, as its first attempt did. */
    private void retryAt(EmailJob job, Instant due) {
        job.scheduledFor = EmailSequence.sendableFrom(job.kind, job.context, due, quietHours);
    }
}
