package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The project brief: every rule, versions, idempotence and its event. */
@QuarkusTest
class BriefApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    final ConsultationApi api = new ConsultationApi();

    @Test
    void everyBrokenRuleIsListedInOneProblem() {
        Map<String, Object> brief = ConsultationApi.validBrief();
        brief.put("projectName", "x".repeat(101));
        brief.put("budgetMin", 999);
        brief.put("budgetMax", 100_001);
        brief.put("desiredStartDate", LocalDate.now().minusDays(1).toString());
        brief.put("goals", "g".repeat(4_001));
        brief.put("contactEmail", "not-an-email");

        api.asClient().body(brief).when().put("/consultations/{id}/brief", api.booking())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://quillspace.io/problems/invalid-request"))
                .body("errors.field", containsInAnyOrder("projectName", "budgetMin", "budgetMax", "desiredStartDate",
                        "goals", "contactEmail"));
    }

    @Test
    void aBodyThatIsNotJsonOrHasAValueOfTheWrongTypeIsAProblemToo() {
        api.asClient().body("{\"projectName\": ").when().put("/consultations/{id}/brief", api.booking())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://quillspace.io/problems/malformed-body"));
        Map<String, Object> brief = ConsultationApi.validBrief();
        brief.put("budgetMin", "a lot");
        api.asClient().body(brief).when().put("/consultations/{id}/brief", api.booking())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://quillspace.io/problems/malformed-body"));
    }

    @Test
    void aMissingProjectNameIsRefused() {
        assertRefused("projectName", null);
    }

    @Test
    void anEmptyProjectNameIsRefused() {
        assertRefused("projectName", "");
    }

    @Test
    void aBudgetBelowAThousandIsRefused() {
        assertRefused("budgetMin", 999);
    }

    @Test
    void aBudgetAboveAHundredThousandIsRefused() {
        assertRefused("budgetMax", 100_001);
    }

    @Test
    void aBudgetRangeWhoseMinimumExceedsItsMaximumIsRefused() {
        Map<String, Object> brief = ConsultationApi.validBrief();
        brief.put("budgetMin", 8_000);
        brief.put("budgetMax", 5_000);
        api.asClient().body(brief).when().put("/consultations/{id}/brief", api.booking())
                .then().statusCode(400).body("errors.field", contains("budgetRangeOrdered"));
    }

    @Test
    void aStartDateInThePastIsRefused() {
        assertRefused("desiredStartDate", LocalDate.now().minusDays(1).toString());
    }

    @Test
    void goalsLongerThanFourThousandCharactersAreRefused() {
        assertRefused("goals", "g".repeat(4_001));
    }

    @Test
    void anInvalidContactEmailIsRefused() {
        assertRefused("contactEmail", "tom@");
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        Map<String, Object> brief = ConsultationApi.validBrief();
        brief.put("projectName", "x".repeat(100));
        brief.put("budgetMin", 1_000);
        brief.put("budgetMax", 100_000);
        brief.put("desiredStartDate", LocalDate.now().toString());
        api.asClient().body(brief).when().put("/consultations/{id}/brief", api.booking()).then().statusCode(200);
    }

    @Test
    void submittingTheSameBriefTwiceMakesOneVersionAndOneEvent() {
        UUID booking = api.booking();
        try (TopicProbe events = TopicProbe.atEnd(bootstrapServers, Topics.PROPOSAL_EVENTS)) {
            String first = api.asClient().body(ConsultationApi.validBrief())
                    .when().put("/consultations/{id}/brief", booking).then().statusCode(200)
                    .body("version", equalTo(1)).extract().asString();
            String second = api.asClient().body(ConsultationApi.validBrief())
                    .when().put("/consultations/{id}/brief", booking).then().statusCode(200).extract().asString();

            assertEquals(first, second);
            var event = (ProposalEventV1.BriefSubmitted) ProposalEventV1.decode(
                    events.await(r -> booking.toString().equals(r.key()), Duration.ofSeconds(30)).value());
            assertEquals("The Salt Road", event.brief().projectName());
            assertEquals(api.client, event.submittedBy());
            assertEquals(List.of(), events.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> booking.toString().equals(r.key()) && !r.equals(events.seen().get(0))).toList());
        }
    }

    @Test
    void theLatestVersionWinsAndEarlierOnesStayInTheHistory() {
        UUID booking = api.booking();
        api.asClient().body(ConsultationApi.validBrief()).when().put("/consultations/{id}/brief", booking)
                .then().statusCode(200);
        Map<String, Object> revised = ConsultationApi.validBrief();
        revised.put("projectName", "The Salt Road, revised");
        api.asAdmin().body(revised).when().put("/consultations/{id}/brief", booking)
                .then().statusCode(200).body("version", equalTo(2)).body("submittedBy", equalTo(api.admin.toString()));

        api.asClient().when().get("/consultations/{id}", booking).then().statusCode(200)
                .body("brief.projectName", equalTo("The Salt Road, revised"))
                .body("briefVersions", hasSize(2))
                .body("briefVersions.version", contains(1, 2));
    }

    @Test
    void anotherClientsBookingHasNoBriefToSubmit() {
        UUID othersBooking = api.data.booking(api.tenant, UUID.randomUUID(), java.time.Instant.now());
        api.asClient().body(ConsultationApi.validBrief()).when().put("/consultations/{id}/brief", othersBooking)
                .then().statusCode(404).contentType("application/problem+json");
    }

    private void assertRefused(String field, Object value) {
        Map<String, Object> brief = ConsultationApi.validBrief();
        brief.put(field, value);
        api.asClient().body(brief).when().put("/consultations/{id}/brief", api.booking())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains(field));
    }
}
