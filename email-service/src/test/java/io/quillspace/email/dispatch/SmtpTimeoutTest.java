package io.quillspace.email.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.testing.FaultProxy;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time-outs set on the mail client really end a send to a silent relay, well inside the lease. */
@QuarkusTest
class SmtpTimeoutTest {

    @Inject
    Dispatchers dispatchers;

    @Inject
    Vertx vertx;

    @Inject
    io.vertx.mutiny.core.Vertx mutinyVertx;

    @Test
    void aRelayThatGoesSilentAfterTheMessageIsCutOffByTheIdleTimeOutAndTheJobIsRetriedAsPossiblyAccepted() throws Exception {
        // The message's end is held back for a minute: the relay has it all but the final dot, and says nothing.
        assertRetriedAsPossiblyAccepted(proxy -> proxy.delayPerMessage(Duration.ofMinutes(1)));
    }

    @Test
    void aRelayThatNeverGreetsIsGivenUpAtTheSendTimeOut() throws Exception {
        assertRetriedAsPossiblyAccepted(proxy -> proxy.stall(true));
    }

    @Test
    void aRelayThatRefusesConnectionsUsesUpNoAttempt() throws Exception {
        DueJobs jobs = new DueJobs();
        UUID job = jobs.add(1, DueJobs.DUE_FOR_A_DAY_AHEAD).get(0);
        SmtpServer smtp = Infrastructure.shared().smtp();
        try (FaultProxy relay = FaultProxy.start(smtp.host(), smtp.port()).refuseConnections(true)) {
            Dispatcher dispatcher = through(relay);

            DueJobs.onVertx(vertx, () -> dispatcher.dispatchDue(jobs.tenant)).get(20, TimeUnit.SECONDS);
        }

        Map<String, Object> retried = jobs.job(job);
        assertEquals("PENDING", retried.get("status"));
        assertEquals(0, retried.get("attempts"));
        assertTrue(((String) retried.get("last_error")).contains("Connection refused"), retried.toString());
        jobs.cancel(job);
    }

    private Dispatcher through(FaultProxy relay) {
        return dispatchers.create(new Dispatcher.Settings(Duration.ofMinutes(2), 16, 1), DueJobs.DEFAULT_RETRIES,
                DueJobs.sender(mutinyVertx, relay.host(), relay.port(), DueJobs.QUICK), DueJobs.A_DAY_AHEAD);
    }

    private void assertRetriedAsPossiblyAccepted(java.util.function.Consumer<FaultProxy> fault) throws Exception {
        DueJobs jobs = new DueJobs();
        UUID job = jobs.add(1, DueJobs.DUE_FOR_A_DAY_AHEAD).get(0);
        SmtpServer smtp = Infrastructure.shared().smtp();
        try (FaultProxy relay = FaultProxy.start(smtp.host(), smtp.port())) {
            fault.accept(relay);
            Dispatcher dispatcher = through(relay);

            long started = System.nanoTime();
            // Without the time-outs the pass would wait for the silent relay for ever; get() gives up on it after 20 s.
            DueJobs.onVertx(vertx, () -> dispatcher.dispatchDue(jobs.tenant)).get(20, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "cut off by a time-out of a few seconds");
        }

        Map<String, Object> retried = jobs.job(job);
        assertEquals("PENDING", retried.get("status"));
        assertEquals(1, retried.get("attempts"));
        assertTrue(((String) retried.get("last_error")).contains("may have accepted the message"), retried.toString());
        assertNull(retried.get("locked_until"), "released for the retry");
        jobs.cancel(job);
    }
}
