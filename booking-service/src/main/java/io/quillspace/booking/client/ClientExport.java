package io.quillspace.booking.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * A client's export as its requester sees it: {@link #pending} until every service's part has arrived, then the one
 * {@link #document}.
 */
public record ClientExport(boolean complete, Pending pending, Document document) {

    @Schema(description = "An export still being assembled")
    public record Pending(@Schema(example = "pending") String status,
                          @Schema(description = "The services whose parts have arrived", example = "[\"booking\"]")
                          List<String> parts) {
    }

    @Schema(description = "Everything the studio holds about the client, one part per service")
    public record Document(Client client,
                           @Schema(description = "When the last part arrived (ISO-8601)") String generatedAt,
                           @Schema(description = "Each service's part: booking, email, project") JsonNode services) {
    }

    public record Client(UUID userId, UUID requestedBy, String requestedAt) {
    }

    /** What a request answers: where its export will be. */
    public record Accepted(UUID requestId, String status) {
    }
}
