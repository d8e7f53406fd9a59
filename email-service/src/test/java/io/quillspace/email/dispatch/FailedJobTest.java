package io.quillspace.email.dispatch;

import io.quillspace.email.sequence.QuietHours;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.DevTokens;
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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A relay that refuses every attempt drives a job to FAILED; an admin's retry then sends it, once. */
@QuarkusTest
class FailedJobTest {

    private static final String FAILED_CONFIRMATIONS = "email_jobs_failed_total{kind=\"CONFIRMATION\"}";

    @Inject
    Dispatchers dispatchers;

    @Inject
    Vertx vertx;

    @Inject
    io.vertx.mutiny.core.Vertx mutinyVertx;

    @Test
    void aJobRefusedWith5xxOnEveryAttemptEndsFailedAndAnAdminsRetrySendsItOnce() {
        DueJobs jobs = new DueJobs();
        UUID job = jobs.add(1, DueJobs.DUE_FOR_A_DAY_AHEAD).get(0);
        double failedBefore = ManagementInterface.metric(FAILED_CONFIRMATIONS).orElse(0);
        SmtpServer smtp = Infrastructure.shared().smtp();
        try (FaultProxy relay = FaultProxy.start(smtp.host(), smtp.port())
                .answerEveryConnectionWith("554 5.7.1 relay access denied")) {
            // Three attempts, retried at once: the attempts and their limit are what this test is about, not the waits.
            Dispatcher refused = dispatchers.create(new Dispatcher.Settings(Duration.ofMinutes(2), 16, 1),
                    new Settlement(new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(1)),
                        3, Duration.ofSeconds(30), QuietHours.NONE),
                    DueJobs.sender(mutinyVertx, relay.host(), relay.port(), DueJobs.QUICK), DueJobs.A_DAY_AHEAD);

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                DueJobs.onVertx(vertx, () -> refused.dispatchDue(jobs.tenant)).join();
                return "FAILED".equals(jobs.status(job));
            });
        }

        Map<String, Object> failed = jobs.job(job);
        assertEquals(3, failed.get("attempts"));
        assertTrue(((String) failed.get("last_error")).contains("554"), "the relay's answer is the reason: " + failed);
        assertEquals(failedBefore + 1, ManagementInterface.metric(FAILED_CONFIRMATIONS).orElseThrow());
        assertEquals(0, jobs.deliveries(job));

        UUID adminId = UUID.randomUUID();
        String admin = DevTokens.token(jobs.tenant, adminId, "admin");
        given().auth().oauth2(admin).when().get("/email-jobs?status=FAILED")
                .then().statusCode(200).body("id", contains(job.toString()));
        given().auth().oauth2(admin).when().post("/email-jobs/" + job + "/retry").then().statusCode(204);

        // The service's own dispatcher, straight to the SMTP server, sends it the moment the retry commits.
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(jobs.status(job)));
        assertEquals(1, jobs.deliveries(job));
        assertEquals(List.of("<" + job + "@quillspace.email>"), jobs.messageIds(job));

        // Every claim and status change, in order, with the relay's refusals and the server's acceptance as reasons.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(admin)
                .when().get("/email-jobs/" + job)
                .then().statusCode(200)
                .body("status", equalTo("SENT"))
                .body("history.event", contains("CREATED", "CLAIMED", "RETRY", "CLAIMED", "RETRY", "CLAIMED", "FAILED",
                        "REQUEUED", "CLAIMED", "SENT"))
                .body("history.toStatus", contains("PENDING", "PENDING", "PENDING", "PENDING", "PENDING", "PENDING",
                        "FAILED", "PENDING", "PENDING", "SENT"))
                .body("history[6].fromStatus", equalTo("PENDING"))
                .body("history[6].reason", containsString("554"))
                .body("history[7].actor", equalTo(adminId.toString()))
                .body("history[9].reason", containsString("accepted as <" + job + "@quillspace.email>")));
        given().auth().oauth2(DevTokens.token(UUID.randomUUID(), UUID.randomUUID(), "admin"))
                .when().get("/email-jobs/" + job).then().statusCode(404);
    }
}
