package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

/**
 * While PostgreSQL refuses connections (and has dropped the open ones, as a restart does), the API answers at once with
 * 503 problem+json and a Retry-After, reads and writes alike, and answers normally again once the database is back.
 */
@QuarkusTest
@TestProfile(DatabaseBehindFaultProxy.class)
class DatabaseOutageApiTest {

    final ConsultationApi api = new ConsultationApi();

    @AfterEach
    void databaseBack() {
        DatabaseBehindFaultProxy.proxy.refuseConnections(false).stall(false).dropOpenConnections();
    }

    @Test
    void aReadWhileTheDatabaseRefusesConnectionsIsAPromptServiceUnavailableProblem() {
        api.booking();
        api.asAdmin().when().get("/consultations").then().statusCode(200);

        DatabaseBehindFaultProxy.proxy.refuseConnections(true).dropOpenConnections();

        assertUnavailable(api.asAdmin().when().get("/consultations"));
        assertUnavailable(api.asAdmin().when().get("/consultations"));
    }

    @Test
    void aWriteWhileTheDatabaseRefusesConnectionsIsAServiceUnavailableProblem() {
        var booking = api.booking();
        // Warm: the promptness measured is the outage's, not a cold first write's.
        api.asClient().body(ConsultationApi.validBrief()).when().put("/consultations/" + api.booking() + "/brief")
                .then().statusCode(200);
        DatabaseBehindFaultProxy.proxy.refuseConnections(true).dropOpenConnections();

        assertUnavailable(api.asClient().body(ConsultationApi.validBrief())
                .when().put("/consultations/" + booking + "/brief"));
    }

    /** A database host that accepts connections and never answers: the pool's acquire timeout bounds the wait. */
    @Test
    void aReadWhileTheDatabaseNeverAnswersIsAServiceUnavailableProblemAfterTheAcquireTimeout() {
        api.booking();
        DatabaseBehindFaultProxy.proxy.stall(true).dropOpenConnections();
        // The first may still meet a dropped connection the pool has not evicted yet; the next finds none.
        api.asAdmin().when().get("/consultations").then().statusCode(503);

        Response response = api.asAdmin().when().get("/consultations");

        response.then().time(greaterThanOrEqualTo(DatabaseBehindFaultProxy.ACQUIRE_TIMEOUT.toMillis()));
        assertUnavailable(response);
    }

    @Test
    void theApiAnswersAgainOnceTheDatabaseAcceptsConnections() {
        api.booking();
        DatabaseBehindFaultProxy.proxy.refuseConnections(true).dropOpenConnections();
        assertUnavailable(api.asAdmin().when().get("/consultations"));

        DatabaseBehindFaultProxy.proxy.refuseConnections(false);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                api.asAdmin().when().get("/consultations").then().statusCode(200).body("total", equalTo(1)));
    }

    private static void assertUnavailable(Response response) {
        response.then()
                .time(lessThan(Duration.ofSeconds(5).toMillis()))
                .statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://quillspace.io/problems/service-unavailable"))
                .body("status", equalTo(503));
    }
}
