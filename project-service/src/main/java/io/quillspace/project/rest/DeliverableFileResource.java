package io.quillspace.project.rest;

import io.quillspace.project.service.DeliverableFileService;
import io.quillspace.shared.files.FileApiResponses;
import io.quillspace.shared.files.FileDeclaration;
import io.quillspace.shared.files.FileViews;
import io.quillspace.shared.identity.CurrentIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.util.UUID;

/**
 * Files of a deliverable, uploaded by the studio and downloaded by the project's client straight from the object store
 * through presigned URLs. Anyone outside the project gets 404, as for the project itself.
 */
@Path("/projects/{id}/deliverables/{deliverableId}/files")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class DeliverableFileResource {

    private final DeliverableFileService files;
    private final CurrentIdentity identity;

    public DeliverableFileResource(DeliverableFileService files, CurrentIdentity identity) {
        this.files = files;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare a file for the deliverable and get its presigned upload (admin)",
            description = FileApiResponses.UPLOAD)
    @APIResponse(responseCode = "201", description = FileApiResponses.CREATED,
            content = @Content(schema = @Schema(implementation = FileViews.Upload.class)))
    public Uni<Response> prepare(@PathParam("id") UUID id, @PathParam("deliverableId") UUID deliverableId,
                                 @Valid @NotNull FileDeclaration file) {
        return files.prepare(identity.tenantContext(), id, deliverableId, file)
                .onItem().ifNull().failWith(() -> notFound(id, deliverableId))
                .map(upload -> Response.created(URI.create("/projects/" + id + "/deliverables/" + deliverableId
                        + "/files/" + upload.fileId())).entity(upload).build());
    }

    @POST
    @Path("/{fileId}/complete")
    @Operation(summary = "Attach the uploaded file once it is in the store (admin)",
            description = "Checks size, type and checksum of what arrived; raises project.deliverable-file-attached "
                    + "on project-events.v1 once (email-service tells the client). Completing again answers the same.")
    @APIResponse(responseCode = "200", description = "The attached file",
            content = @Content(schema = @Schema(implementation = FileViews.File.class)))
    @APIResponse(responseCode = "409", description = FileApiResponses.CONFLICT)
    public Uni<FileViews.File> complete(@PathParam("id") UUID id, @PathParam("deliverableId") UUID deliverableId,
                                        @PathParam("fileId") UUID fileId) {
        return files.complete(identity.tenantContext(), id, deliverableId, fileId)
                .onItem().ifNull().failWith(() -> notFound(id, deliverableId))
                .map(file -> FileViews.File.of(file, null));
    }

    @GET
    @Path("/{fileId}")
    @RolesAllowed({"user", "admin"})
    @Operation(summary = "An attached file with a presigned download (5 minutes, saved as an attachment)")
    @APIResponse(responseCode = "200", description = "The file and its download",
            content = @Content(schema = @Schema(implementation = FileViews.File.class)))
    public Uni<FileViews.File> get(@PathParam("id") UUID id, @PathParam("deliverableId") UUID deliverableId,
                                   @PathParam("fileId") UUID fileId) {
        return files.download(identity.tenantContext(), id, deliverableId, fileId)
                .onItem().ifNull().failWith(() -> notFound(id, deliverableId));
    }

    @DELETE
    @Path("/{fileId}")
    @Operation(summary = "Delete a file (admin): the object goes, the record of who deleted it when stays")
    @APIResponse(responseCode = "204", description = FileApiResponses.DELETED)
    public Uni<Response> delete(@PathParam("id") UUID id, @PathParam("deliverableId") UUID deliverableId,
                                @PathParam("fileId") UUID fileId) {
        return files.delete(identity.tenantContext(), id, deliverableId, fileId)
                .onItem().ifNull().failWith(() -> notFound(id, deliverableId))
                .map(deleted -> Response.noContent().build());
    }

    private static NotFoundException notFound(UUID id, UUID deliverableId) {
        return new NotFoundException("no such file of deliverable " + deliverableId + " of project " + id);
    }
}
