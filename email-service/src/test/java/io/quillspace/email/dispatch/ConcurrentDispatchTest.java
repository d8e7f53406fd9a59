package io.quillspace.email.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dispatchers racing over one database's due jobs: claims and skipped locks make each email go out once. */
@QuarkusTest
class ConcurrentDispatchTest {

    private static final int JOBS = 1_000;

    @Inject
    EmailDispatcher dispatcher;

    @Inject
    Vertx vertx;

    @Test
    void twoDispatchersOverAThousandDueJobsSendEachExactlyOnce() {
        DueJobs jobs = new DueJobs();
        jobs.add(JOBS, "now() - interval '1 minute'");

        // Beside the service's own notified and scheduled passes, two more race for the same rows.
        CompletableFuture<Void> first = DueJobs.onVertx(vertx, () -> dispatcher.dispatchDue(jobs.tenant));
        CompletableFuture<Void> second = DueJobs.onVertx(vertx, () -> dispatcher.dispatchDue(jobs.tenant));
        first.join();
        second.join();

        await().atMost(Duration.ofSeconds(120)).until(() -> jobs.sent() == JOBS);
        Map<String, Long> deliveriesPerJob = jobs.deliveriesPerJob();
        assertEquals(JOBS, deliveriesPerJob.size());
        assertEquals(List.of(1L), deliveriesPerJob.values().stream().distinct().toList(), "each job delivered once");
    }
}
