package io.quillspace.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /q/openapi describes every /projects endpoint with its success and problem responses, schemas and examples. */
@QuarkusTest
class OpenApiContractTest extends OpenApiContract {

    @Override
    protected Map<String, List<String>> operations() {
        return Map.of(
                "get /projects", List.of("200", "400", "401", "403"),
                "post /projects/{id}/deliverables/{deliverableId}/files", List.of("201", "400", "401", "403", "404"),
                "post /projects/{id}/deliverables/{deliverableId}/files/{fileId}/complete",
                List.of("200", "401", "403", "404", "409"),
                "get /projects/{id}", List.of("200", "401", "403", "404"),
                "get /projects/{id}/dashboard", List.of("200", "401", "403", "404"),
                "put /projects/{id}/status", List.of("200", "400", "401", "403", "404", "409"),
                "put /projects/{id}/phases/{phaseId}/status", List.of("200", "400", "401", "403", "404", "409"),
                "put /projects/{id}/deliverables/{deliverableId}/status",
                List.of("200", "400", "401", "403", "404", "409"));
    }

    @Test
    void aRefusedMoveIsDocumentedWithTheStatusesItAllows() {
        JsonNode conflict = operation("put /projects/{id}/status").at("/responses/409/content/application~1problem+json/schema");
        assertEquals("#/components/schemas/ConflictProblem", conflict.path("$ref").asText(), conflict.toString());
        assertTrue(document.at("/components/schemas/ConflictProblem/properties").has("allowed"));
    }

    @Test
    void schemasCarryExamples() {
        assertEquals("in_review", document.at("/components/schemas/OfDeliverable/properties/status/examples/0").asText());
        assertEquals("Editorial letter", document.at("/components/schemas/DeliverableView/properties/name/examples/0").asText());
        assertTrue(document.at("/components/schemas/ProjectDashboard/properties").has("overdue"));
    }
}
