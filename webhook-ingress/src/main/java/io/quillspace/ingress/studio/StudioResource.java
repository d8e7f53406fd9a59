package io.quillspace.ingress.studio;

import io.quillspace.ingress.entity.Studio;
import io.quillspace.shared.identity.CurrentIdentity;
import io.quillspace.shared.rest.PageLinks;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The studio registry. The platform operator creates, lists, reads, suspends, resumes and deletes studios; a studio's
 * admin reads and edits its own studio's profile, and no other studio's.
 */
@Path("/studios")
@SecurityRequirement(name = "jwt")
public class StudioResource {

    public record StudioView(UUID id, String name, String timeZone, String senderDisplayName, String replyTo,
                             String logoUrl, String website, String status, Instant createdAt, Instant updatedAt,
                             long version) {

        static StudioView of(Studio studio) {
            return new StudioView(studio.id, studio.name, studio.timeZone, studio.senderDisplayName, studio.replyTo,
                    studio.logoUrl, studio.website, studio.status.value(), studio.createdAt, studio.updatedAt,
                    studio.version);
        }
    }

    public record StudioPage(List<StudioView> items, int page, int size, long total, String next) {
    }

    private final StudioService studios;
    private final PlatformOperator operator;
    private final CurrentIdentity identity;
    private final StudioHistory history;

    public StudioResource(StudioService studios, PlatformOperator operator, CurrentIdentity identity,
                          StudioHistory history) {
        this.studios = studios;
        this.operator = operator;
        this.identity = identity;
        this.history = history;
    }

    @POST
    @RolesAllowed(PlatformOperator.ROLE)
    @Operation(summary = "Create a studio (platform operator)")
    @APIResponse(responseCode = "201", description = "Created, active; Location names it")
    @APIResponse(responseCode = "400", description = "Every offending profile field in `errors`")
    public Uni<Response> create(StudioProfile profile) {
        operator.require();
        return studios.create(profile).map(studio -> Response.created(URI.create("/studios/" + studio.id))
                .entity(StudioView.of(studio)).build());
    }

    @GET
    @RolesAllowed(PlatformOperator.ROLE)
    @Operation(summary = "Studios not deleted, oldest first (platform operator)")
    public Uni<StudioPage> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
                                @QueryParam("size") @DefaultValue("50") @Min(1) @Max(StudioService.MAX_PAGE_SIZE) int size,
                                @Context UriInfo uri) {
        operator.require();
        return studios.page(page, size).map(found -> new StudioPage(found.items().stream().map(StudioView::of).toList(),
                page, size, found.total(), PageLinks.next(uri, page, size, found.total())));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformOperator.ROLE)
    @Operation(summary = "One studio with its history (platform operator)")
    @APIResponse(responseCode = "200", description = "The studio and its history",
            content = @Content(schema = @Schema(implementation = StudioDetailView.class)))
    @APIResponse(responseCode = "404", description = "No studio of that id, or a deleted one")
    public Uni<StudioDetailView> get(@PathParam("id") UUID id) {
        operator.require();
        return studios.get(id).chain(studio -> history.of(id).map(entries -> StudioDetailView.of(studio, entries)));
    }

    @POST
    @Path("/{id}/suspension")
    @RolesAllowed(PlatformOperator.ROLE)
    @Operation(summary = "Suspend a studio: its webhooks are answered and counted, not applied (platform operator)")
    public Uni<StudioView> suspend(@PathParam("id") UUID id) {
        operator.require();
        return studios.suspend(id).map(StudioView::of);
    }

    @DELETE
    @Path("/{id}/suspension")
    @RolesAllowed(PlatformOperator.ROLE)
    @Operation(summary = "Resume a suspended studio (platform operator)")
    public Uni<StudioView> resume(@PathParam("id") UUID id) {
        operator.require();
        return studios.resume(id).map(StudioView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformOperator.ROLE)
    @Operation(summary = "Delete a studio; its id stays taken (platform operator)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        operator.require();
        return studios.delete(id).map(deleted -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/profile")
    @RolesAllowed("admin")
    @Operation(summary = "The studio's profile with its history (its own admin only)")
    @APIResponse(responseCode = "200", description = "The studio and its history",
            content = @Content(schema = @Schema(implementation = StudioDetailView.class)))
    @APIResponse(responseCode = "404", description = "Not the caller's studio, or deleted")
    public Uni<StudioDetailView> profile(@PathParam("id") UUID id) {
        return studios.profile(identity.tenantContext(), id)
                .chain(studio -> history.of(id).map(entries -> StudioDetailView.of(studio, entries)));
    }

    @PUT
    @Path("/{id}/profile")
    @RolesAllowed("admin")
    @Operation(summary = "Rewrite the studio's profile (its own admin only)")
    @APIResponse(responseCode = "400", description = "Every offending profile field in `errors`")
    @APIResponse(responseCode = "404", description = "Not the caller's studio, or deleted")
    public Uni<StudioView> updateProfile(@PathParam("id") UUID id, StudioProfile profile) {
        return studios.updateProfile(identity.tenantContext(), id, profile).map(StudioView::of);
    }
}
