package io.quillspace.project.rest;

import io.quillspace.project.entity.Project;
import io.quillspace.project.mapping.StatusNames;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A project in the list. */
@Schema(description = "A project in the list")
public record ProjectSummary(
        UUID id,
        @Schema(example = "The Salt Road") String name,
        @Schema(example = "active", enumeration = {"kickoff", "active", "on_hold", "completed", "cancelled"}) String status,
        UUID clientUserId,
        @Schema(example = "Maria Lopez") String clientName,
        UUID bookingId,
        LocalDate kickoffDate,
        Instant createdAt,
        Instant updatedAt) {

    static ProjectSummary of(Project project) {
        return new ProjectSummary(project.id, project.name, StatusNames.wire(project.status), project.userId,
                project.clientName, project.bookingId, project.kickoffDate, project.createdAt, project.updatedAt);
    }
}
