package io.quillspace.email.dispatch;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.sequence.QuietHours;
import io.vertx.ext.mail.SMTPException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettlementTest {

    private static final Instant NOW = Instant.parse("2030-06-01T08:00:00Z");
    private final Settlement settlement = new Settlement(new RetryBackoff(Duration.ofSeconds(30), Duration.ofHours(1)),
            3, Duration.ofSeconds(30), QuietHours.NONE);

    @Test
    void aRefusalCountsAnAttemptAndBacksOffUntilTheLastAttemptFailsTheJob() {
        EmailJob job = pending();
        SMTPException refused = new SMTPException("got error response", 554, List.of("554 5.7.1 denied"), true);

        assertEquals(Settlement.AfterFailure.RETRY, settlement.afterFailure(job, refused, NOW, 0.5));
        assertEquals(NOW.plusSeconds(30), job.scheduledFor);
        assertEquals(Settlement.AfterFailure.RETRY, settlement.afterFailure(job, refused, NOW, 0.5));
        assertEquals(NOW.plusSeconds(60), job.scheduledFor);
        assertEquals(Settlement.AfterFailure.FAILED, settlement.afterFailure(job, refused, NOW, 0.5));
        assertEquals(EmailJob.Status.FAILED, job.status);
        assertEquals(3, job.attempts);
        assertTrue(job.lastError.contains("554"), job.lastError);
    }

    @Test
    void anUnreachableServerIsRetriedWithoutCountingAnAttempt() {
        EmailJob job = pending();

        assertEquals(Settlement.AfterFailure.RETRY_UNREACHABLE,
                settlement.afterFailure(job, new ConnectException("Connection refused"), NOW, 0.5));
        assertEquals(0, job.attempts);
        assertEquals(EmailJob.Status.PENDING, job.status);
        assertEquals(NOW.plusSeconds(30), job.scheduledFor);
    }

    @Test
    void noAnswerMayMeanAcceptedSoTheRetrySaysSoAndCounts() {
        EmailJob job = pending();

        assertEquals(Settlement.AfterFailure.RETRY,
                settlement.afterFailure(job, new IllegalStateException("Connection was closed"), NOW, 0.5));
        assertEquals(1, job.attempts);
        assertTrue(job.lastError.startsWith("no answer from the SMTP server, it may have accepted the message"), job.lastError);
    }

    @Test
    void aMessageItsTemplateCannotRenderFailsAtOnceWithTheTemplatesReason() {
        EmailJob job = pending();

        assertEquals(Settlement.AfterFailure.FAILED, settlement.afterFailure(job,
                new MessageBuilder.Unrenderable(new IllegalStateException("rendered part over 256 KiB")), NOW, 0.5));
        assertEquals(EmailJob.Status.FAILED, job.status);
        assertEquals("the email could not be rendered: rendered part over 256 KiB", job.lastError);
    }

    @Test
    void aDatabaseFailureWhileRenderingIsNotTheTemplatesFault() {
        assertTrue(DatabaseFailures.isDatabase(new RuntimeException(new org.hibernate.HibernateException("pool closed"))));
        assertEquals(false, DatabaseFailures.isDatabase(new IllegalArgumentException("unknown property")));
    }

    @Test
    void aRetriedFollowUpWaitsOutTheRecipientsNightButAConfirmationDoesNot() {
        Settlement nights = new Settlement(new RetryBackoff(Duration.ofHours(1), Duration.ofHours(1)), 3,
                Duration.ofSeconds(30), new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
        SMTPException refused = new SMTPException("got error response", 451, List.of("451 4.3.0 try later"), false);
        Instant evening = Instant.parse("2030-06-01T20:30:00Z");
        EmailJob followUp = pending();
        followUp.kind = EmailJob.Kind.FOLLOW_UP;
        EmailJob confirmation = pending();

        nights.afterFailure(followUp, refused, evening, 0.5);
        nights.afterFailure(confirmation, refused, evening, 0.5);

        assertEquals(Instant.parse("2030-06-02T08:00:00Z"), followUp.scheduledFor);
        assertEquals(evening.plus(Duration.ofHours(1)), confirmation.scheduledFor);
    }

    private static EmailJob pending() {
        EmailJob job = new EmailJob();
        job.kind = EmailJob.Kind.CONFIRMATION;
        job.status = EmailJob.Status.PENDING;
        job.scheduledFor = NOW;
        return job;
    }
}
