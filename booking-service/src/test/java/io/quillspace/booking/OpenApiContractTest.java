package io.quillspace.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.quillspace.infra.testing.ManagementInterface.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /q/openapi describes every endpoint the frontend calls, with its success and problem responses and security. */
@QuarkusTest
class OpenApiContractTest {

    /** Each operation and the statuses it must document (401 and 403 included for every one). */
    private static final Map<String, List<String>> OPERATIONS = Map.ofEntries(
            Map.entry("get /consultations", List.of("200", "400", "401", "403")),
            Map.entry("get /consultations/{id}", List.of("200", "401", "403", "404")),
            Map.entry("get /consultations/dashboard", List.of("200", "400", "401", "403")),
            Map.entry("put /consultations/{id}/brief", List.of("200", "400", "401", "403", "404", "409")),
            Map.entry("post /consultations/{id}/proposals", List.of("201", "400", "401", "403", "404", "409")),
            Map.entry("get /proposals/{id}", List.of("200", "401", "403", "404")),
            Map.entry("put /proposals/{id}", List.of("200", "400", "401", "403", "404", "409")),
            Map.entry("post /proposals/{id}/send", List.of("200", "401", "403", "404", "409")),
            Map.entry("post /proposals/{id}/accept", List.of("200", "401", "403", "404", "409")),
            Map.entry("post /proposals/{id}/decline", List.of("200", "401", "403", "404", "409")));

    JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        document = new ObjectMapper().readTree(given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void everyEndpointDocumentsItsSuccessAndEveryProblemStatus() {
        List<String> missing = new ArrayList<>();
        OPERATIONS.forEach((operation, statuses) -> {
            String[] methodAndPath = operation.split(" ");
            JsonNode responses = document.path("paths").path(methodAndPath[1]).path(methodAndPath[0]).path("responses");
            for (String status : statuses) {
                if (responses.path(status).isMissingNode()) {
                    missing.add(operation + " " + status);
                }
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void problemsAreDocumentedAsProblemJsonWithTheirSchema() {
        JsonNode conflict = document.at("/paths/~1proposals~1{id}~1accept/post/responses/409/content");
        assertFalse(conflict.path("application/problem+json").path("schema").isMissingNode(), conflict.toString());
        JsonNode problem = document.at("/components/schemas/Problem/properties");
        assertTrue(problem.has("type") && problem.has("status") && problem.has("errors"), problem.toString());
    }

    @Test
    void everyEndpointRequiresTheJwtScheme() {
        assertEquals("http", document.at("/components/securitySchemes/jwt/type").asText());
        OPERATIONS.keySet().forEach(operation -> {
            String[] methodAndPath = operation.split(" ");
            JsonNode security = document.path("paths").path(methodAndPath[1]).path(methodAndPath[0]).path("security");
            assertTrue(security.toString().contains("jwt"), operation + ": " + security);
        });
    }

    @Test
    void requestBodiesCarryExamples() {
        // OpenAPI 3.1 lists a schema's examples in an array.
        assertEquals("The Salt Road", document.at("/components/schemas/BriefSubmission/examples/0/projectName").asText());
        assertEquals("Read-through", document.at("/components/schemas/ProposalDraft/examples/0/phases/0/name").asText());
    }
}
