package io.quillspace.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.quillspace.infra.testing.ManagementInterface.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests every service with an API inherits (as a {@code @QuarkusTest}): its OpenAPI document describes each operation
 * the frontend calls, with its success and problem responses, behind the JWT scheme.
 */
public abstract class OpenApiContract {

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
    void everyEndpointRequiresTheJwtScheme() {
        assertEquals("http", document.at("/components/securitySchemes/jwt/type").asText());
        operations().keySet().forEach(operation -> {
            JsonNode security = operation(operation).path("security");
            assertTrue(security.toString().contains("jwt"), operation + ": " + security);
        });
    }

    /** The document's node for {@code "method /path"}. */
    protected JsonNode operation(String operation) {
        String[] methodAndPath = operation.split(" ");
        return document.path("paths").path(methodAndPath[1]).path(methodAndPath[0]);
    }
}
