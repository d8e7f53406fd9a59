package io.quillspace.booking;

import io.quillspace.infra.DevTokens;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** One fresh tenant with a client and an admin, and the API calls the consultation tests make as them. */
final class ConsultationApi {

    final UUID tenant = UUID.randomUUID();
    final UUID client = UUID.randomUUID();
    final UUID admin = UUID.randomUUID();
    final TenantData data = TenantData.forRuntimeRole();

    /** A scheduled booking of the client starting at {@code start}. */
    UUID booking(Instant start) {
        return data.booking(tenant, client, start);
    }

    /** A scheduled booking of the client, starting tomorrow. */
    UUID booking() {
        return booking(Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
    }

    RequestSpecification asClient() {
        return given().auth().oauth2(DevTokens.token(tenant, client, "user")).contentType("application/json");
    }

    RequestSpecification asAdmin() {
        return given().auth().oauth2(DevTokens.token(tenant, admin, "admin")).contentType("application/json");
    }

    /** A brief every rule accepts. */
    static Map<String, Object> validBrief() {
        Map<String, Object> brief = new HashMap<>();
        brief.put("projectName", "The Salt Road");
        brief.put("genre", "literary fiction");
        brief.put("manuscriptWordCount", 92_000);
        brief.put("budgetMin", 3_000);
        brief.put("budgetMax", 6_000);
        brief.put("desiredStartDate", LocalDate.now().plusDays(30).toString());
        brief.put("goals", "A tighter second act");
        brief.put("contactEmail", "tom@example.org");
        return brief;
    }

    /** A proposal draft every rule accepts, titled {@code title}. */
    static Map<String, Object> validProposal(String title) {
        Map<String, Object> proposal = new HashMap<>();
        proposal.put("title", title);
        proposal.put("scopeOfWork", "Structure, pacing and character arcs");
        proposal.put("phases", List.of(
                Map.of("order", 2, "name", "Line notes", "estimatedDays", 20,
                        "deliverables", List.of("Annotated manuscript", "Follow-up call")),
                Map.of("order", 1, "name", "Read-through", "estimatedDays", 10, "deliverables", List.of("Editorial letter"))));
        proposal.put("price", 4500.00);
        proposal.put("currency", "EUR");
        proposal.put("validUntil", Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        return proposal;
    }

    String draft(UUID booking, String title) {
        return asAdmin().body(validProposal(title)).when().post("/consultations/{id}/proposals", booking)
                .then().statusCode(201).extract().path("id");
    }

    String sent(UUID booking, String title) {
        String proposal = draft(booking, title);
        asAdmin().when().post("/proposals/{id}/send", proposal).then().statusCode(200);
        return proposal;
    }

    /** Moves a proposal's validity into the past, as time would. */
    void expire(String proposal) {
        data.runtimeRole.updateAs(tenant.toString(), "", "service",
                "update proposals set valid_until = now() - interval '1 minute' where id = ?", UUID.fromString(proposal));
    }
}
