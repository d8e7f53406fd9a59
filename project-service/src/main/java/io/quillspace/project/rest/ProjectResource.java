package io.quillspace.project.rest;

import io.quillspace.project.entity.Project;
import io.quillspace.project.entity.ProjectDeliverable;
import io.quillspace.project.entity.ProjectPhase;
import io.quillspace.project.mapping.StatusNames;
import io.quillspace.project.service.ProjectDashboard;
import io.quillspace.project.service.ProjectService;
import io.quillspace.shared.identity.CurrentIdentity;
import io.quillspace.shared.rest.PageLinks;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.UUID;

/**
 * A client's projects, or the whole studio's for an admin; admins move projects, phases and deliverables through their
 * statuses. Row-Level Security decides which rows a caller sees: another user's or tenant's project does not exist for
 * them (404, never 403).
 */
@Path("/projects")
@RolesAllowed({"user", "admin"})
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final ProjectService projects;
    private final CurrentIdentity identity;

    public ProjectResource(ProjectService projects, CurrentIdentity identity) {
        this.projects = projects;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Projects visible to the caller, newest first",
            description = "A user sees their own, an admin the tenant's. Pages from 0; at most "
                    + ProjectService.MAX_PAGE_SIZE + " per page; `next` is the next page's link, null on the last.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = ProjectPage.class)))
    public Uni<ProjectPage> list(
            @QueryParam("status") @Pattern(regexp = "kickoff|active|on_hold|completed|cancelled",
                    message = "must be one of kickoff, active, on_hold, completed, cancelled") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(ProjectService.MAX_PAGE_SIZE) int size,
            @Context UriInfo uri) {
        return projects.list(identity.tenantContext(), StatusNames.parse(Project.Status.class, status), page, size)
                .map(found -> new ProjectPage(found.projects().stream().map(ProjectSummary::of).toList(), page, size,
                        found.total(), PageLinks.next(uri, page, size, found.total())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One project with its phases, deliverables and history")
    @APIResponse(responseCode = "200", description = "The project",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    public Uni<ProjectView> get(@PathParam("id") UUID id) {
        return projects.find(identity.tenantContext(), id).onItem().ifNull().failWith(() -> notFound(id))
                .map(ProjectView::of);
    }

    @GET
    @Path("/{id}/dashboard")
    @Operation(summary = "Where the project stands today",
            description = "Progress (deliverables done of all, overall and per phase), the current phase, deliverables "
                    + "due in the next 14 days and overdue ones, and each phase's planned against actual dates. "
                    + "Days are the client's (the project's time zone).")
    @APIResponse(responseCode = "200", description = "The dashboard",
            content = @Content(schema = @Schema(implementation = ProjectDashboard.class)))
    public Uni<ProjectDashboard> dashboard(@PathParam("id") UUID id) {
        return projects.dashboard(identity.tenantContext(), id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @PUT
    @Path("/{id}/status")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the project (admin)",
            description = "kickoff → active → completed; kickoff or active → on_hold → active; any open status → "
                    + "cancelled. The current status again changes nothing. Raises project.status-changed.")
    @APIResponse(responseCode = "200", description = "The project after the change",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT)
    public Uni<ProjectView> changeStatus(@PathParam("id") UUID id, @NotNull @Valid StatusChange.OfProject change) {
        return projects.changeStatus(identity.tenantContext(), id,
                        StatusNames.parse(Project.Status.class, change.status()))
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(ProjectView::of);
    }

    @PUT
    @Path("/{id}/phases/{phaseId}/status")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a phase (admin)",
            description = "pending → in_progress → completed, and completed → in_progress to reopen it, while the "
                    + "project is kickoff or active. Starting records the actual start day, completing the actual "
                    + "end day. Raises project.phase-status-changed.")
    @APIResponse(responseCode = "200", description = "The project after the change",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT)
    public Uni<ProjectView> changePhaseStatus(@PathParam("id") UUID id, @PathParam("phaseId") UUID phaseId,
                                              @NotNull @Valid StatusChange.OfPhase change) {
        return projects.changePhaseStatus(identity.tenantContext(), id, phaseId,
                        StatusNames.parse(ProjectPhase.Status.class, change.status()))
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(ProjectView::of);
    }

    @PUT
    @Path("/{id}/deliverables/{deliverableId}/status")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a deliverable (admin)",
            description = "pending → in_progress → in_review → done, and in_review → in_progress when the review "
                    + "sends it back, while the project is kickoff or active. Raises "
                    + "project.deliverable-status-changed.")
    @APIResponse(responseCode = "200", description = "The project after the change",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT)
    public Uni<ProjectView> changeDeliverableStatus(@PathParam("id") UUID id,
                                                    @PathParam("deliverableId") UUID deliverableId,
                                                    @NotNull @Valid StatusChange.OfDeliverable change) {
        return projects.changeDeliverableStatus(identity.tenantContext(), id, deliverableId,
                        StatusNames.parse(ProjectDeliverable.Status.class, change.status()))
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(ProjectView::of);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no project " + id);
    }
}
