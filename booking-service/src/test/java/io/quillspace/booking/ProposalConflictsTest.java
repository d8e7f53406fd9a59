package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every request a proposal's state refuses (409, with a problem type that says why), and races that only one wins. */
@QuarkusTest
class ProposalConflictsTest {

    private static final String PROBLEMS = "https://quillspace.io/problems/";

    final ConsultationApi api = new ConsultationApi();

    @Test
    void acceptingAnExpiredProposalIsAConflictSayingItExpired() {
        String proposal = api.sent(api.booking(), "Edit");
        api.expire(proposal);

        assertConflict(api.asClient().when().post("/proposals/{id}/accept", proposal), "proposal-expired");
    }

    @Test
    void acceptingADeclinedProposalIsAConflictSayingItWasDeclined() {
        String proposal = api.sent(api.booking(), "Edit");
        api.asClient().when().post("/proposals/{id}/decline", proposal).then().statusCode(200);

        assertConflict(api.asClient().when().post("/proposals/{id}/accept", proposal), "proposal-declined");
    }

    @Test
    void sendingANewerProposalSupersedesTheSentOne() {
        UUID booking = api.booking();
        String first = api.sent(booking, "Edit");
        api.sent(booking, "Edit, revised");

        assertConflict(api.asClient().when().post("/proposals/{id}/accept", first), "proposal-superseded");
    }

    @Test
    void acceptingASecondProposalOfTheBookingIsAConflict() {
        UUID booking = api.booking();
        String first = api.sent(booking, "Edit");
        api.asClient().when().post("/proposals/{id}/accept", first).then().statusCode(200);
        // Sent after the acceptance: the accepted one is not superseded, so this one can only be refused.
        String second = api.sent(booking, "Extra copy-edit");

        assertConflict(api.asClient().when().post("/proposals/{id}/accept", second), "another-proposal-accepted");
    }

    @Test
    void decliningAnAcceptedProposalIsAConflict() {
        String proposal = api.sent(api.booking(), "Edit");
        api.asClient().when().post("/proposals/{id}/accept", proposal).then().statusCode(200);

        assertConflict(api.asClient().when().post("/proposals/{id}/decline", proposal), "proposal-accepted");
    }

    @Test
    void aSentProposalCannotBeEdited() {
        String proposal = api.sent(api.booking(), "Edit");

        assertConflict(api.asAdmin().header("If-Match", "\"1\"").body(ConsultationApi.validProposal("Changed"))
                .when().put("/proposals/{id}", proposal), "proposal-not-draft");
    }

    @Test
    void anEditFromAnOlderVersionIsAConflict() {
        String proposal = api.draft(api.booking(), "Edit");
        api.asAdmin().header("If-Match", "\"0\"").body(ConsultationApi.validProposal("First edit"))
                .when().put("/proposals/{id}", proposal).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("title", equalTo("First edit"));

        assertConflict(api.asAdmin().header("If-Match", "\"0\"").body(ConsultationApi.validProposal("Second edit"))
                .when().put("/proposals/{id}", proposal), "proposal-edited-concurrently");
    }

    @Test
    void ofTwoAdminsEditingTheSameDraftAtOnceOnlyOneWins() throws Exception {
        String proposal = api.draft(api.booking(), "Edit");

        List<Integer> statuses = race(
                () -> api.asAdmin().header("If-Match", "\"0\"").body(ConsultationApi.validProposal("Alice's"))
                        .when().put("/proposals/{id}", proposal).statusCode(),
                () -> api.asAdmin().header("If-Match", "\"0\"").body(ConsultationApi.validProposal("Bob's"))
                        .when().put("/proposals/{id}", proposal).statusCode());

        assertEquals(List.of(200, 409), statuses.stream().sorted().toList());
        api.asAdmin().when().get("/proposals/{id}", proposal).then().body("version", equalTo(1));
    }

    @Test
    void ofAnAcceptRacingADeclineOnlyOneWins() throws Exception {
        String proposal = api.sent(api.booking(), "Edit");

        List<Integer> statuses = race(
                () -> api.asClient().when().post("/proposals/{id}/accept", proposal).statusCode(),
                () -> api.asClient().when().post("/proposals/{id}/decline", proposal).statusCode());

        assertEquals(List.of(200, 409), statuses.stream().sorted().toList());
        String winner = statuses.get(0) == 200 ? "ACCEPTED" : "DECLINED";
        api.asClient().when().get("/proposals/{id}", proposal).then().body("status", equalTo(winner));
    }

    @Test
    void aClientCannotAcceptADraft() {
        String proposal = api.draft(api.booking(), "Edit");

        api.asClient().when().post("/proposals/{id}/accept", proposal).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static void assertConflict(Response response, String type) {
        response.then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + type))
                .body("status", equalTo(409));
    }

    /** Runs both requests at once and returns their statuses. */
    @SafeVarargs
    private static List<Integer> race(Callable<Integer>... requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Integer> request : requests) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
