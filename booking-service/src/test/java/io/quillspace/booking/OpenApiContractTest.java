package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** /q/openapi describes every endpoint the frontend calls, with its success and problem responses and security. */
@QuarkusTest
class OpenApiContractTest extends OpenApiContract {

    @Override
    protected Map<String, List<String>> operations() {
        // Each operation and the statuses it must document (401 and 403 included for every one).
        return Map.ofEntries(
                Map.entry("get /consultations", List.of("200", "400", "401", "403")),
                Map.entry("get /consultations/{id}", List.of("200", "401", "403", "404")),
                Map.entry("get /consultations/dashboard", List.of("200", "400", "401", "403")),
                Map.entry("put /consultations/{id}/brief", List.of("200", "400", "401", "403", "404", "409")),
                Map.entry("post /consultations/{id}/proposals", List.of("201", "400", "401", "403", "404", "409")),
                Map.entry("get /proposals/{id}", List.of("200", "401", "403", "404")),
                Map.entry("put /proposals/{id}", List.of("200", "400", "401", "403", "404", "409")),
                Map.entry("post /proposals/{id}/send", List.of("200", "401", "403", "404", "409")),
                Map.entry("post /proposals/{id}/accept", List.of("200", "401", "403", "404", "409")),
                Map.entry("post /proposals/{id}/decline", List.of("200", "401", "403", "404", "409")),
                Map.entry("post /consultations/{id}/brief/files", List.of("201", "400", "401", "403", "404", "409")),
                Map.entry("post /consultations/{id}/brief/files/{fileId}/complete",
                        List.of("200", "401", "403", "404", "409")),
                Map.entry("get /consultations/{id}/brief/files/{fileId}", List.of("200", "401", "403", "404")),
                Map.entry("delete /consultations/{id}/brief/files/{fileId}", List.of("204", "401", "403", "404")));
    }

    @Test
    void requestBodiesCarryExamples() {
        // OpenAPI 3.1 lists a schema's examples in an array.
        assertEquals("The Salt Road", document.at("/components/schemas/BriefSubmission/examples/0/projectName").asText());
        assertEquals("Read-through", document.at("/components/schemas/ProposalDraft/examples/0/phases/0/name").asText());
    }
}
