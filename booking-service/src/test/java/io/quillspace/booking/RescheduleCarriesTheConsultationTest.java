package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * A rescheduled consultation keeps its brief and proposals: they move to the booking that replaced it, whichever half
 * of the reschedule arrives first, and the old booking takes no new ones.
 */
@QuarkusTest
class RescheduleCarriesTheConsultationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    CalendlyDeliveries calendly;

    @BeforeEach
    void open() {
        calendly = new CalendlyDeliveries(bootstrapServers);
    }

    @AfterEach
    void close() {
        calendly.close();
    }

    @Test
    void theBriefAndProposalsMoveToTheNewBookingWhenTheCancelArrivesFirst() {
        rescheduleCarriesTheWork(true);
    }

    @Test
    void theBriefAndProposalsMoveToTheNewBookingWhenTheCreateArrivesFirst() {
        rescheduleCarriesTheWork(false);
    }

    @Test
    void aRescheduledBookingTakesNoNewBrief() {
        Map<String, Object> old = bookOld();
        reschedule(true);
        await().atMost(WAIT).until(() -> "RESCHEDULED".equals(booking("INV2BBBB").get("status")));

        as(old, "user").body(ConsultationApi.validBrief()).when().put("/consultations/{id}/brief", old.get("id"))
                .then().statusCode(409)
                .body("type", equalTo("https://quillspace.io/problems/consultation-rescheduled"));
    }

    private void rescheduleCarriesTheWork(boolean cancelFirst) {
        Map<String, Object> old = bookOld();
        as(old, "user").body(ConsultationApi.validBrief()).when().put("/consultations/{id}/brief", old.get("id"))
                .then().statusCode(200);
        String proposal = as(old, "admin").body(ConsultationApi.validProposal("Edit"))
                .when().post("/consultations/{id}/proposals", old.get("id")).then().statusCode(201).extract().path("id");
        as(old, "admin").when().post("/proposals/{id}/send", proposal).then().statusCode(200);

        reschedule(cancelFirst);

        await().atMost(WAIT).until(() -> "RESCHEDULED".equals(booking("INV2BBBB").get("status"))
                && "SCHEDULED".equals(booking("INV3CCCC").get("status")));
        Object moved = booking("INV3CCCC").get("id");
        as(old, "user").when().get("/consultations/{id}", moved).then().statusCode(200)
                .body("brief.projectName", equalTo("The Salt Road"))
                .body("proposals.id", contains(proposal));
        as(old, "user").when().get("/consultations/{id}", old.get("id")).then().statusCode(200)
                .body("brief", nullValue())
                .body("proposals", hasSize(0));
        as(old, "user").when().get("/proposals/{id}", proposal).then().statusCode(200)
                .body("history.change", contains("CREATED", "SENT", "MOVED"))
                .body("history[2].fromConsultationId", equalTo(old.get("id").toString()))
                .body("history[2].consultationId", equalTo(moved.toString()))
                .body("history[2].actorRole", equalTo("service"));
        as(old, "user").when().post("/proposals/{id}/accept", proposal).then().statusCode(200)
                .body("consultationId", equalTo(moved.toString()));
    }

    /** The booking the reschedule will replace, created from Calendly like any other. */
    private Map<String, Object> bookOld() {
        calendly.send(calendly.fixture("invitee.created.json", payload -> {
            payload.put("uri", calendly.inviteeUri("INV2BBBB"));
            payload.put("email", "tom.okafor@example.org");
            payload.put("updated_at", "2026-03-09T16:20:00Z");
        }));
        await().atMost(WAIT).until(() -> "SCHEDULED".equals(booking("INV2BBBB").get("status")));
        return booking("INV2BBBB");
    }

    private void reschedule(boolean cancelFirst) {
        CalendlyDeliveryV1 cancelHalf = calendly.fixture("reschedule.1-canceled.json");
        CalendlyDeliveryV1 createHalf = calendly.fixture("reschedule.2-created.json");
        calendly.send(cancelFirst ? cancelHalf : createHalf);
        calendly.send(cancelFirst ? createHalf : cancelHalf);
    }

    /** A request as the booking's client ({@code user}) or as an admin of its tenant. */
    private RequestSpecification as(Map<String, Object> booking, String role) {
        UUID caller = role.equals("user") ? (UUID) booking.get("user_id") : UUID.randomUUID();
        return given().auth().oauth2(DevTokens.token(calendly.tenant, caller, role)).contentType("application/json");
    }

    private Map<String, Object> booking(String fixtureInvitee) {
        List<Map<String, Object>> rows = DatabaseProbe.asRuntimeRole().queryAs(calendly.tenant, null, "service",
                "select id, user_id, status from consultation_bookings where invitee_uri = ?",
                calendly.inviteeUri(fixtureInvitee));
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }
}
