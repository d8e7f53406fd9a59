package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** GET /consultations: newest first, filters, and pages a frontend can drive. */
@QuarkusTest
class ConsultationListTest {

    private static final Instant FIRST_START = Instant.parse("2026-05-01T09:00:00Z");

    final ConsultationApi api = new ConsultationApi();
    /** Five of the client's bookings a day apart, newest first; the second newest canceled. */
    final List<String> newestFirst = new ArrayList<>();

    @BeforeEach
    void seed() {
        for (int day = 0; day < 5; day++) {
            UUID booking = api.data.booking(api.tenant, api.client, FIRST_START.plus(day, ChronoUnit.DAYS),
                    day == 3 ? "CANCELED" : "SCHEDULED");
            newestFirst.add(0, booking.toString());
        }
    }

    @Test
    void theNewestStartComesFirst() {
        api.asAdmin().when().get("/consultations").then().statusCode(200)
                .body("items.id", equalTo(newestFirst))
                .body("total", equalTo(5));
    }

    @Test
    void theFirstPageLinksToTheNext() {
        api.asAdmin().when().get("/consultations?size=2").then().statusCode(200)
                .body("items.id", contains(newestFirst.get(0), newestFirst.get(1)))
                .body("page", equalTo(0))
                .body("total", equalTo(5))
                .body("next", equalTo("/consultations?page=1&size=2"));
    }

    @Test
    void aMiddlePageFollowsTheFirstAndLinksToTheNext() {
        api.asAdmin().when().get("/consultations?page=1&size=2").then().statusCode(200)
                .body("items.id", contains(newestFirst.get(2), newestFirst.get(3)))
                .body("next", equalTo("/consultations?page=2&size=2"));
    }

    @Test
    void theLastPageHasNoNext() {
        api.asAdmin().when().get("/consultations?page=2&size=2").then().statusCode(200)
                .body("items.id", contains(newestFirst.get(4)))
                .body("next", nullValue());
    }

    @Test
    void aPageBeyondTheLastIsEmpty() {
        api.asAdmin().when().get("/consultations?size=2&page=3").then().statusCode(200)
                .body("items", hasSize(0)).body("total", equalTo(5)).body("next", nullValue());
    }

    @Test
    void theNextLinkKeepsTheFilters() {
        api.asAdmin().when().get("/consultations?size=1&status=SCHEDULED").then().statusCode(200)
                .body("next", equalTo("/consultations?status=SCHEDULED&page=1&size=1"));
    }

    @Test
    void aHundredIsTheLargestPage() {
        api.asAdmin().when().get("/consultations?size=100").then().statusCode(200);
        api.asAdmin().when().get("/consultations?size=101").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("size"));
    }

    @Test
    void aNegativePageIsABadRequest() {
        api.asAdmin().when().get("/consultations?page=-1").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("page"));
    }

    @Test
    void everyBadParameterIsListedInOneProblem() {
        api.asAdmin().when().get("/consultations?status=LOST&from=yesterday&to=2026-13-01T00:00:00Z&size=0")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("from", "size", "status", "to"))
                .body("detail", containsString("ISO-8601"));
    }

    @Test
    void theStatusFilterKeepsOnlyThatStatus() {
        api.asAdmin().when().get("/consultations?status=CANCELED").then().statusCode(200)
                .body("items.id", contains(newestFirst.get(1)));
    }

    @Test
    void fromIsInclusiveAndToExclusive() {
        api.asAdmin().when().get("/consultations?from={from}&to={to}", FIRST_START.plus(1, ChronoUnit.DAYS).toString(),
                        FIRST_START.plus(3, ChronoUnit.DAYS).toString())
                .then().statusCode(200)
                .body("items.id", contains(newestFirst.get(2), newestFirst.get(3)));
    }

    @Test
    void aUsersListHoldsOnlyTheirOwnNewestFirst() {
        api.data.booking(api.tenant, UUID.randomUUID(), FIRST_START.plus(10, ChronoUnit.DAYS));
        api.asClient().when().get("/consultations").then().statusCode(200)
                .body("items.id", equalTo(newestFirst))
                .body("total", equalTo(5));
    }
}
