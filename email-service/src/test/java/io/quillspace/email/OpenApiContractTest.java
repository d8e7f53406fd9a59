package io.quillspace.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /q/openapi describes the job and template admin endpoints with their success and problem responses, and the unsubscribe link. */
@QuarkusTest
class OpenApiContractTest extends OpenApiContract {

    @Override
    protected Map<String, List<String>> operations() {
        return Map.of(
                "get /email-jobs", List.of("200", "400", "401", "403"),
                "get /email-jobs/{id}", List.of("200", "401", "403", "404"),
                "post /email-jobs/{id}/retry", List.of("204", "401", "403", "404", "409"),
                "get /email-templates", List.of("200", "401", "403"),
                "get /email-templates/{kind}", List.of("200", "401", "403", "404"),
                "put /email-templates/{kind}", List.of("200", "400", "401", "403", "404"),
                "delete /email-templates/{kind}", List.of("204", "401", "403", "404"),
                "post /email-templates/{kind}/preview", List.of("200", "400", "401", "403", "404"));
    }

    @Test
    void aJobShowsItsLastError() {
        assertTrue(document.at("/components/schemas/EmailJobView/properties").has("lastError"));
    }

    @Test
    void theUnsubscribeLinkDocumentsItsPagesAndItsProblemAndNeedsNoToken() {
        JsonNode page = operation("get /unsubscribe").path("responses");
        assertTrue(page.path("200").path("content").has("text/html") && page.path("400").path("content").has("text/html"),
                page.toString());
        JsonNode change = operation("post /unsubscribe").path("responses");
        assertTrue(change.path("200").path("content").has("text/html"), change.toString());
        assertTrue(change.path("400").path("content").has("application/problem+json"), change.toString());
        assertEquals("", operation("post /unsubscribe").path("security").toString().replace("[]", "")
                .replace("[{}]", ""), "the link's HMAC is the authorization");
    }
}
