package io.quillspace.shared.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConflictMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Conflict.Reason EXPIRED = new Conflict.Reason("proposal-expired", "The proposal has expired");

    @Test
    void aConflictIsA409ProblemOfItsReasonsType() throws Exception {
        var response = new ConflictMapper().conflict(new Conflict(EXPIRED, "valid until yesterday"));

        assertEquals(409, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals(JSON.writeValueAsString(Problem.of("proposal-expired", "The proposal has expired", 409,
                "valid until yesterday")), JSON.writeValueAsString(response.getEntity()), "no allowed member");
    }

    @Test
    void aRefusedStatusChangeNamesTheAllowedStatusesEvenWhenNone() {
        var moves = new Conflict.Reason("transition-not-allowed", "The status cannot change that way");

        assertEquals("[\"in_review\"]", body(new Conflict(moves, "the deliverable is pending", List.of("in_review")))
                .path("allowed").toString());
        assertEquals("[]", body(new Conflict(moves, "the deliverable is done; it is final", List.of()))
                .path("allowed").toString());
    }

    private static JsonNode body(Conflict conflict) {
        return JSON.valueToTree(new ConflictMapper().conflict(conflict).getEntity());
    }
}
