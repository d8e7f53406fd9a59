package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.PermissionMatrix;
import io.quillspace.infra.testing.PermissionMatrix.Cell;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.quillspace.infra.testing.PermissionMatrix.row;

/**
 * Every cell of the README's permission matrix: each endpoint as the booking's client, another client of the studio,
 * an admin, a user and an admin of another studio (the user with the client's own id), and without a token. Each cell gets a fresh studio.
 */
@QuarkusTest
class PermissionMatrixTest {

    static Stream<Cell> matrix() {
        return Stream.of(
                row("GET /consultations", 200, 200, 200, 200, 200, 401),
                row("GET /consultations/{id}", 200, 404, 200, 404, 404, 401),
                row("GET /consultations/dashboard", 403, 403, 200, 403, 200, 401),
                row("PUT /consultations/{id}/brief", 200, 404, 200, 404, 404, 401),
                row("POST /consultations/{id}/proposals", 403, 403, 201, 403, 404, 401),
                row("GET /proposals/{id}", 200, 404, 200, 404, 404, 401),
                row("GET /proposals/{draft}", 404, 404, 200, 404, 404, 401),
                row("PUT /proposals/{draft}", 403, 403, 200, 403, 404, 401),
                row("POST /proposals/{draft}/send", 403, 403, 200, 403, 404, 401),
                row("POST /proposals/{id}/accept", 200, 404, 403, 404, 403, 401),
                row("POST /proposals/{id}/decline", 200, 404, 403, 404, 403, 401),
                row("POST /clients/{client}/exports", 202, 404, 202, 404, 404, 401),
                row("POST /clients/{client}/erasure", 403, 403, 202, 403, 404, 401)
        ).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void theMatrixHolds(Cell cell) {
        ConsultationApi studio = new ConsultationApi();
        UUID booking = studio.booking();
        String draft = studio.draft(booking, "Draft");
        String sent = studio.sent(booking, "Sent");

        RequestSpecification as = PermissionMatrix.as(cell.caller(), studio.tenant, studio.client, studio.admin);
        Response response = switch (cell.request()) {
            case "GET /consultations" -> as.get("/consultations");
            case "GET /consultations/{id}" -> as.get("/consultations/{id}", booking);
            case "GET /consultations/dashboard" -> as.get("/consultations/dashboard");
            case "PUT /consultations/{id}/brief" ->
                    as.body(ConsultationApi.validBrief()).put("/consultations/{id}/brief", booking);
            case "POST /consultations/{id}/proposals" ->
                    as.body(ConsultationApi.validProposal("New")).post("/consultations/{id}/proposals", booking);
            case "GET /proposals/{id}" -> as.get("/proposals/{id}", sent);
            case "GET /proposals/{draft}" -> as.get("/proposals/{id}", draft);
            case "PUT /proposals/{draft}" ->
                    as.header("If-Match", "\"0\"").body(ConsultationApi.validProposal("Edited")).put("/proposals/{id}", draft);
            case "POST /proposals/{draft}/send" -> as.post("/proposals/{id}/send", draft);
            case "POST /proposals/{id}/accept" -> as.post("/proposals/{id}/accept", sent);
            case "POST /proposals/{id}/decline" -> as.post("/proposals/{id}/decline", sent);
            case "POST /clients/{client}/exports" -> as.post("/clients/{id}/exports", studio.client);
            case "POST /clients/{client}/erasure" -> as.post("/clients/{id}/erasure", studio.client);
            default -> throw new IllegalArgumentException("no such request in the matrix: " + cell.request());
        };

        PermissionMatrix.assertAnswer(response, cell);
    }
}
