package io.quillspace.project.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The status an admin moves a project, a phase or a deliverable to; each accepts its own statuses. */
public final class StatusChange {

    private StatusChange() {
    }

    @Schema(description = "The project's new status")
    public record OfProject(
            @NotNull @Pattern(regexp = "kickoff|active|on_hold|completed|cancelled",
                    message = "must be one of kickoff, active, on_hold, completed, cancelled")
            @Schema(example = "active", enumeration = {"kickoff", "active", "on_hold", "completed", "cancelled"})
            String status) {
    }

    @Schema(description = "The phase's new status")
    public record OfPhase(
            @NotNull @Pattern(regexp = "pending|in_progress|completed",
                    message = "must be one of pending, in_progress, completed")
            @Schema(example = "in_progress", enumeration = {"pending", "in_progress", "completed"})
            String status) {
    }

    @Schema(description = "The deliverable's new status")
    public record OfDeliverable(
            @NotNull @Pattern(regexp = "pending|in_progress|in_review|done",
                    message = "must be one of pending, in_progress, in_review, done")
            @Schema(example = "in_review", enumeration = {"pending", "in_progress", "in_review", "done"})
            String status) {
    }
}
