package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/** The admin's dashboard on a seeded tenant: counts by status, upcoming in 7 days, and the funnel. */
@QuarkusTest
class DashboardTest {

    final ConsultationApi api = new ConsultationApi();

    @Test
    void theFiguresCountTheTenantsConsultationsInTheRange() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // In range: 4 scheduled (2 within 7 days), 1 canceled, 1 rescheduled; out of range: 1 scheduled in 60 days.
        UUID soon = api.booking(now.plus(1, ChronoUnit.DAYS));
        UUID briefed = api.booking(now.plus(2, ChronoUnit.DAYS));
        UUID proposed = api.booking(now.plus(10, ChronoUnit.DAYS));
        UUID accepted = api.booking(now.minus(3, ChronoUnit.DAYS));
        api.data.booking(api.tenant, api.client, now.minus(4, ChronoUnit.DAYS), "CANCELED");
        api.data.booking(api.tenant, api.client, now.minus(5, ChronoUnit.DAYS), "RESCHEDULED");
        api.booking(now.plus(60, ChronoUnit.DAYS));
        // Another tenant's consultations never count.
        api.data.booking(UUID.randomUUID(), UUID.randomUUID(), now.plus(1, ChronoUnit.DAYS));

        for (UUID booking : new UUID[] {briefed, proposed, accepted}) {
            api.asClient().body(ConsultationApi.validBrief()).when().put("/consultations/{id}/brief", booking)
                    .then().statusCode(200);
        }
        api.sent(proposed, "Edit");
        api.asClient().when().post("/proposals/{id}/accept", api.sent(accepted, "Edit")).then().statusCode(200);
        api.draft(soon, "Not sent yet");

        api.asAdmin().when().get("/consultations/dashboard?from={from}&to={to}",
                        now.minus(30, ChronoUnit.DAYS).toString(), now.plus(30, ChronoUnit.DAYS).toString())
                .then().statusCode(200)
                .body("byStatus.SCHEDULED", equalTo(4))
                .body("byStatus.CANCELED", equalTo(1))
                .body("byStatus.RESCHEDULED", equalTo(1))
                .body("upcomingNext7Days", equalTo(2))
                .body("funnel.booked", equalTo(5))
                .body("funnel.briefSubmitted", equalTo(3))
                .body("funnel.proposalSent", equalTo(2))
                .body("funnel.accepted", equalTo(1));
    }

    @Test
    void theDashboardIsForAdminsOnly() {
        api.asClient().when().get("/consultations/dashboard").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
