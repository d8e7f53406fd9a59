package io.quillspace.project;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.PermissionMatrix;
import io.quillspace.infra.testing.PermissionMatrix.Cell;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.quillspace.infra.testing.PermissionMatrix.row;

/**
 * Every cell of the README's permission matrix for /projects: each endpoint as the project's client, another client of
 * the studio, an admin, a user and an admin of another studio (the user with the client's own id), and without a
 * token. Each cell gets a fresh studio and project.
 */
@QuarkusTest
class PermissionMatrixTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    static Stream<Cell> matrix() {
        return Stream.of(
                row("GET /projects", 200, 200, 200, 200, 200, 401),
                row("GET /projects/{id}", 200, 404, 200, 404, 404, 401),
                row("GET /projects/{id}/dashboard", 200, 404, 200, 404, 404, 401),
                row("PUT /projects/{id}/status", 403, 403, 200, 403, 404, 401),
                row("PUT /projects/{id}/phases/{phaseId}/status", 403, 403, 200, 403, 404, 401),
                row("PUT /projects/{id}/deliverables/{deliverableId}/status", 403, 403, 200, 403, 404, 401)
        ).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void theMatrixHolds(Cell cell) {
        try (AcceptedProposals studio = new AcceptedProposals(bootstrapServers)) {
            var accepted = studio.accepted(Instant.now(), LocalDate.now().plusDays(7));
            JsonPath project = studio.kickOff(accepted);
            UUID id = studio.projectOf(accepted);
            String phase = project.getString("phases[0].id");
            String deliverable = project.getString("phases[0].deliverables[0].id");

            RequestSpecification as = PermissionMatrix.as(cell.caller(), studio.tenant, studio.client, studio.admin);
            Response response = switch (cell.request()) {
                case "GET /projects" -> as.get("/projects");
                case "GET /projects/{id}" -> as.get("/projects/{id}", id);
                case "GET /projects/{id}/dashboard" -> as.get("/projects/{id}/dashboard", id);
                case "PUT /projects/{id}/status" -> as.body(Map.of("status", "active")).put("/projects/{id}/status", id);
                case "PUT /projects/{id}/phases/{phaseId}/status" -> as.body(Map.of("status", "in_progress"))
                        .put("/projects/{id}/phases/{phase}/status", id, phase);
                case "PUT /projects/{id}/deliverables/{deliverableId}/status" -> as.body(Map.of("status", "in_progress"))
                        .put("/projects/{id}/deliverables/{deliverable}/status", id, deliverable);
                default -> throw new IllegalArgumentException("no such request in the matrix: " + cell.request());
            };

            PermissionMatrix.assertAnswer(response, cell);
        }
    }
}
