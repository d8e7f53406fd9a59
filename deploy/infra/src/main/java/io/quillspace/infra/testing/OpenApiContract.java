package io.quillspace.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.quillspace.infra.testing.ManagementInterface.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests every service with an API inherits (as a {@code @QuarkusTest}): its OpenAPI document describes each operation
 * the frontend calls, with its success and problem responses, behind the JWT scheme. The shared problem responses come
 * from shared-model's {@code ProblemResponsesFilter}, not from the resources' annotations.
 */
public abstract class OpenApiContract {

    private static final Set<String> PROBLEM_SCHEMAS =
            Set.of("#/components/schemas/Problem", "#/components/schemas/ConflictProblem");

    protected JsonNode document;

    /** Each operation ({@code "get /path/{id}"}) and the statuses it must document. */
    protected abstract Map<String, List<String>> operations();

    @BeforeEach
    void fetchTheDocument() throws Exception {
        document = new ObjectMapper().readTree(given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void everyEndpointDocumentsItsSuccessAndEveryProblemStatus() {
        List<String> missing = new ArrayList<>();
        operations().forEach((operation, statuses) -> {
            JsonNode responses = operation(operation).path("responses");
            for (String status : statuses) {
                if (responses.path(status).isMissingNode()) {
                    missing.add(operation + " " + status);
                }
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void everyProblemAnOperationDocumentsIsAProblemJsonBody() {
        List<String> bare = new ArrayList<>();
        operations().keySet().forEach(operation -> operation(operation).path("responses").fields().forEachRemaining(
                response -> {
                    String schema = response.getValue().at("/content/application~1problem+json/schema/$ref").asText();
                    if (response.getKey().matches("[45][0-9][0-9]") && !PROBLEM_SCHEMAS.contains(schema)) {
                        bare.add(operation + " " + response.getKey() + ": " + response.getValue());
                    }
                }));
        assertEquals(List.of(), bare);
        JsonNode problem = document.at("/components/schemas/Problem/properties");
        assertTrue(problem.has("type") && problem.has("status") && problem.has("errors"), problem.toString());
    }

    @Test
    void everyEndpointRequiresTheJwtScheme() {
        assertEquals("http", document.at("/components/securitySchemes/jwt/type").asText());
        operations().keySet().forEach(operation -> {
            JsonNode security = operation(operation).path("security");
            assertTrue(security.toString().contains("jwt"), operation + ": " + security);
        });
    }

    @Test
    void theSettingsOfTheServicesWithAnApiComeFromSharedModel() {
        OperationsEndpointsContract.assertSharedSetting("quarkus.http.cors.origins", "https://app.quillspace.io",
                "quillspace-api.properties");
    }

    /** The document's node for {@code "method /path"}. */
    protected JsonNode operation(String operation) {
        String[] methodAndPath = operation.split(" ");
        return document.path("paths").path(methodAndPath[1]).path(methodAndPath[0]);
    }
}
