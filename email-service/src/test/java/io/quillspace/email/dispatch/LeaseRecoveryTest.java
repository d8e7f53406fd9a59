package io.quillspace.email.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.SmtpServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker that claimed a job, confirmed it for sending and crashed: the job waits out the lease, then goes once. */
@QuarkusTest
class LeaseRecoveryTest {

    @Inject
    Dispatchers dispatchers;

    @Inject
    EmailJobRepository repository;

    @Inject
    Vertx vertx;

    @Inject
    io.vertx.mutiny.core.Vertx mutinyVertx;

    @Test
    void aJobWhoseWorkerCrashedMidSendIsSentOnceByAnotherWorkerAfterTheLeaseAndTheDeadClaimCannotSettleIt() {
        DueJobs jobs = new DueJobs();
        UUID job = jobs.add(1, DueJobs.DUE_FOR_A_DAY_AHEAD).get(0);
        Duration lease = Duration.ofSeconds(2);
        JobClaims crashed = new JobClaims(repository, DueJobs.A_DAY_AHEAD, lease);
        var claimed = DueJobs.onVertx(vertx, () -> crashed.claim(jobs.tenant, 16)
                .call(held -> crashed.confirm(held.get(0)))).join();
        // The crashed worker got as far as confirming its claim for the SMTP hand-off, then nothing more.

        SmtpServer smtp = Infrastructure.shared().smtp();
        Dispatcher survivor = dispatchers.create(new Dispatcher.Settings(lease, 16, 2),
                DueJobs.DEFAULT_RETRIES,
                DueJobs.sender(mutinyVertx, smtp.host(), smtp.port(), new SmtpSender.Limits(Duration.ofMillis(500),
                        Duration.ofMillis(500), Duration.ofSeconds(1), 10)), DueJobs.A_DAY_AHEAD);

        DueJobs.onVertx(vertx, () -> survivor.dispatchDue(jobs.tenant)).join();
        assertEquals("PENDING", jobs.status(job), "not another worker's while the lease holds");
        assertEquals(0, jobs.deliveries(job));

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            DueJobs.onVertx(vertx, () -> survivor.dispatchDue(jobs.tenant)).join();
            return "SENT".equals(jobs.status(job));
        });
        assertEquals(1, jobs.deliveries(job));
        assertEquals(List.of("<" + job + "@quillspace.email>"), jobs.messageIds(job));

        boolean deadClaimSettled = DueJobs.onVertx(vertx, () -> crashed.settle(claimed.get(0),
                late -> late.lastError = "the crashed worker's late word")).join();
        assertFalse(deadClaimSettled);
        assertEquals("SENT", jobs.status(job));
        assertTrue(jobs.job(job).get("last_error") == null);
        assertFalse(DueJobs.onVertx(vertx, () -> crashed.confirm(claimed.get(0))).join(), "nor send it again");
    }
}
