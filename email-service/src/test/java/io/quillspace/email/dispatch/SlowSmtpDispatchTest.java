package io.quillspace.email.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.testing.FaultProxy;
import io.quillspace.infra.testing.ManagementInterface;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relay that takes 600 ms per message, so a batch of 16 sent two at a time outlives its 2 s lease while other passes
 * claim what the lease no longer covers; and a sibling whose settlement fails. Real SMTP server behind a delaying proxy.
 */
@QuarkusTest
class SlowSmtpDispatchTest {

    @Inject
    Dispatchers dispatchers;

    @Inject
    Vertx vertx;

    @Inject
    io.vertx.mutiny.core.Vertx mutinyVertx;

    /** Every SMTP time-out shorter than the 2 s lease, and longer than the 600 ms the relay takes per message. */
    private static final SmtpSender.Limits UNDER_THE_LEASE = new SmtpSender.Limits(Duration.ofMillis(500),
            Duration.ofMillis(1500), Duration.ofMillis(1900), 10);

    @Test
    void twoDispatchersWhoseBatchesOutliveTheirLeaseSendEachOf200JobsExactlyOnce() {
        SmtpServer smtp = Infrastructure.shared().smtp();
        DueJobs jobs = new DueJobs();
        List<java.util.UUID> ids = jobs.add(200, DueJobs.DUE_FOR_A_DAY_AHEAD);
        double claimsLostBefore = claimsLost();
        try (FaultProxy relay = FaultProxy.start(smtp.host(), smtp.port()).delayPerMessage(Duration.ofMillis(600))) {
            Dispatcher.Settings settings = new Dispatcher.Settings(Duration.ofSeconds(2), 16, 2);
            // Per replica, two passes may overlap, as its scheduled pass and its due-notification pass do; each skips a
            // turn while it still runs. Started a second apart, in turn, a batch claimed by one outlives its 2 s lease
            // (16 messages, two at a time, 600 ms each) while another claims what the lease no longer covers.
            List<Lane> lanes = new java.util.ArrayList<>();
            for (int replica = 0; replica < 2; replica++) {
                Dispatcher dispatcher = dispatchers.create(settings, DueJobs.DEFAULT_RETRIES, DueJobs.sender(mutinyVertx, relay.host(),
                        relay.port(), UNDER_THE_LEASE), DueJobs.A_DAY_AHEAD);
                lanes.add(new Lane(dispatcher));
                lanes.add(new Lane(dispatcher));
            }
            int[] turn = {0};
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                lanes.get(turn[0]++ % lanes.size()).passIfIdle(vertx, jobs.tenant);
                return jobs.sent() == ids.size();
            });
            lanes.forEach(Lane::finish);
        }

        Map<String, Long> deliveries = jobs.deliveriesPerJob();
        assertEquals(ids.size(), deliveries.size(), "every job delivered");
        assertEquals(List.of(1L), deliveries.values().stream().distinct().toList(), "each job delivered once");
        assertTrue(claimsLost() > claimsLostBefore, "some batches outlived their lease and lost jobs to another claim");
    }

    /** One of a replica's pass triggers: a pass at a time. */
    private static final class Lane {
        private final Dispatcher dispatcher;
        private CompletableFuture<Void> pass = CompletableFuture.completedFuture(null);

        Lane(Dispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        void passIfIdle(Vertx vertx, java.util.UUID tenant) {
            if (pass.isDone()) {
                pass.join();
                pass = DueJobs.onVertx(vertx, () -> dispatcher.dispatchDue(tenant));
            }
        }

        void finish() {
            pass.join();
        }
    }

    @Test
    void aJobWhoseSettlementFailsLeavesTheOtherThreeOfItsBatchSentAndDeliveredOnce() {
        DueJobs jobs = new DueJobs();
        List<java.util.UUID> ids = jobs.add(4, DueJobs.DUE_FOR_A_DAY_AHEAD);
        java.util.UUID refused = ids.get(0);
        String trigger = "refuse_settle_" + refused.toString().replace("-", "");
        SettlementFault fault = new SettlementFault(trigger, refused);
        try (fault) {
            SmtpServer smtp = Infrastructure.shared().smtp();
            Dispatcher dispatcher = dispatchers.create(new Dispatcher.Settings(Duration.ofMinutes(2), 4, 4), DueJobs.DEFAULT_RETRIES,
                    DueJobs.sender(mutinyVertx, smtp.host(), smtp.port(), DueJobs.QUICK), DueJobs.A_DAY_AHEAD);

            DueJobs.onVertx(vertx, () -> dispatcher.dispatchDue(jobs.tenant)).join();

            for (java.util.UUID sibling : ids.subList(1, 4)) {
                assertEquals("SENT", jobs.status(sibling));
                assertEquals(1, jobs.deliveries(sibling), "delivered once");
            }
            // Handed to SMTP, then its settlement failed: it stays claimed until its lease ends, never marked sent.
            assertEquals("PENDING", jobs.status(refused));
            assertEquals(1, jobs.deliveries(refused));
        } finally {
            jobs.cancel(refused);
        }
    }

    /** A trigger, installed by the migration owner, that makes marking one job SENT fail like a lost database would. */
    private record SettlementFault(String name, java.util.UUID job) implements AutoCloseable {
        SettlementFault {
            io.quillspace.infra.testing.DatabaseProbe.asMigrationOwner().execute("""
                    create function %1$s() returns trigger language plpgsql as $$
                    begin raise exception 'settlement refused by the test'; end $$;
                    create trigger %1$s before update on email_jobs for each row
                        when (new.id = '%2$s' and new.status = 'SENT') execute function %1$s();""".formatted(name, job));
        }

        @Override
        public void close() {
            io.quillspace.infra.testing.DatabaseProbe.asMigrationOwner().execute(
                    "drop trigger %1$s on email_jobs; drop function %1$s();".formatted(name));
        }
    }

    private static double claimsLost() {
        return ManagementInterface.metric("email_claims_lost_total").orElse(0);
    }
}
