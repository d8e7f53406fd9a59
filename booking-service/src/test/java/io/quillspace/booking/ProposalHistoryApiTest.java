package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.DatabaseProbe;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A proposal's detail view shows who changed it and how, and its history cannot be rewritten. */
@QuarkusTest
class ProposalHistoryApiTest {

    final ConsultationApi api = new ConsultationApi();

    @Test
    void theDetailViewShowsEveryChangeWithItsAuthorAndTheHashOfTheAcceptedContent() {
        UUID booking = api.booking();
        String proposal = api.draft(booking, "Developmental edit");
        Map<String, Object> edit = ConsultationApi.validProposal("Developmental edit, two rounds");
        edit.put("price", 5200.5);
        edit.put("validUntil", api.asAdmin().when().get("/proposals/{id}", proposal).then().extract().path("validUntil"));
        api.asAdmin().header("If-Match", "\"0\"").body(edit).when().put("/proposals/{id}", proposal)
                .then().statusCode(200);
        api.asAdmin().when().post("/proposals/{id}/send", proposal).then().statusCode(200);
        api.asClient().when().post("/proposals/{id}/accept", proposal).then().statusCode(200);

        JsonPath detail = api.asClient().when().get("/proposals/{id}", proposal).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("history.change", contains("CREATED", "EDITED", "SENT", "ACCEPTED"))
                .body("history.toStatus", contains("DRAFT", "DRAFT", "SENT", "ACCEPTED"))
                .body("history[1].changedFields", contains("title", "price"))
                .body("history.actor", contains(api.admin.toString(), api.admin.toString(), api.admin.toString(),
                        api.client.toString()))
                .body("history.actorRole", contains("admin", "admin", "admin", "user"))
                .body("history[0].contentSha256", nullValue())
                .extract().jsonPath();
        assertEquals(sha256(canonical(detail)), detail.getString("history[3].contentSha256"),
                "the hash of the content as the client read it");
        assertEquals(detail.getInt("version"), detail.getInt("history[3].version"));
    }

    @Test
    void sendingANewProposalRecordsTheSupersedingOfTheOldOne() {
        UUID booking = api.booking();
        String first = api.sent(booking, "First offer");
        api.sent(booking, "Second offer");

        api.asAdmin().when().get("/proposals/{id}", first).then().statusCode(200)
                .body("history.change", contains("CREATED", "SENT", "SUPERSEDED"))
                .body("history[2].fromStatus", equalTo("SENT"))
                .body("history[2].actor", equalTo(api.admin.toString()));
    }

    @Test
    void aDeclineIsRecordedWithTheClient() {
        UUID booking = api.booking();
        String proposal = api.sent(booking, "Developmental edit");
        api.asClient().when().post("/proposals/{id}/decline", proposal).then().statusCode(200);
        api.asClient().when().post("/proposals/{id}/decline", proposal).then().statusCode(200);

        api.asClient().when().get("/proposals/{id}", proposal).then().statusCode(200)
                .body("history.change", contains("CREATED", "SENT", "DECLINED"))
                .body("history[2].actor", equalTo(api.client.toString()));
    }

    @Test
    void theRuntimeRoleCannotChangeOrDeleteProposalHistory() {
        UUID booking = api.booking();
        String proposal = api.sent(booking, "Developmental edit");
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        String tenant = api.tenant.toString();

        for (String sql : List.of("update proposal_history set change = 'DECLINED' where proposal_id = ?",
                "delete from proposal_history where proposal_id = ?")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> runtime.updateAs(tenant, "", "admin", sql, UUID.fromString(proposal)));
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        }
        api.asAdmin().when().get("/proposals/{id}", proposal).then().body("history.change", contains("CREATED", "SENT"));
    }

    /** The canonical form the API documents, rebuilt from the detail view the client read. */
    private static String canonical(JsonPath detail) {
        StringBuilder phases = new StringBuilder();
        List<Map<String, Object>> read = detail.getList("phases");
        for (Map<String, Object> phase : read) {
            phases.append(phases.isEmpty() ? "" : ",").append("{\"deliverables\":[")
                    .append(String.join(",", ((List<?>) phase.get("deliverables")).stream()
                            .map(d -> "\"" + d + "\"").toList()))
                    .append("],\"estimatedDays\":").append(phase.get("estimatedDays"))
                    .append(",\"name\":\"").append(phase.get("name")).append("\",\"order\":")
                    .append(phase.get("order")).append("}");
        }
        return "{\"currency\":\"" + detail.getString("currency") + "\",\"id\":\"" + detail.getString("id")
                + "\",\"phases\":[" + phases + "],\"price\":\""
                + new BigDecimal(detail.getString("price")).setScale(2).toPlainString()
                + "\",\"scopeOfWork\":\"" + detail.getString("scopeOfWork") + "\",\"title\":\""
                + detail.getString("title") + "\",\"validUntil\":\"" + detail.getString("validUntil") + "\"}";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
