package io.quillspace.booking.file;

import io.quillspace.booking.common.ApiResponses;
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
 * Files of a consultation's brief, uploaded and downloaded straight from the object store through presigned URLs.
 * Same permissions as the consultation: its client or the studio's admins; anyone else gets 404.
 */
@Path("/consultations/{id}/brief/files")
@RolesAllowed({"user", "admin"})
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class BriefFileResource {

    private final BriefFileService files;
    private final CurrentIdentity identity;

    public BriefFileResource(BriefFileService files, CurrentIdentity identity) {
        this.files = files;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare a file for the brief and get its presigned upload (the client or an admin)",
            description = FileApiResponses.UPLOAD)
    @APIResponse(responseCode = "201", description = FileApiResponses.CREATED,
            content = @Content(schema = @Schema(implementation = FileViews.Upload.class)))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT)
    public Uni<Response> prepare(@PathParam("id") UUID id, @Valid @NotNull FileDeclaration file) {
        return files.prepare(identity.tenantContext(), id, file)
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(upload -> Response.created(URI.create("/consultations/" + id + "/brief/files/" + upload.fileId()))
                        .entity(upload).build());
    }

    @POST
    @Path("/{fileId}/complete")
    @Operation(summary = "Attach the uploaded file once it is in the store",
            description = "Checks size, type and checksum of what arrived; raises brief.file-attached on "
                    + "proposal-events.v1 once. Completing again answers the same.")
    @APIResponse(responseCode = "200", description = "The attached file",
            content = @Content(schema = @Schema(implementation = BriefFileView.class)))
    @APIResponse(responseCode = "409", description = FileApiResponses.CONFLICT)
    public Uni<BriefFileView> complete(@PathParam("id") UUID id, @PathParam("fileId") UUID fileId) {
        return files.complete(identity.tenantContext(), id, fileId)
                .onItem().ifNull().failWith(() -> notFound(id, fileId))
                .map(file -> BriefFileView.of(file, FileViews.File.of(file, null)));
    }

    @GET
    @Path("/{fileId}")
    @Operation(summary = "An attached file with a presigned download (5 minutes, saved as an attachment)")
    @APIResponse(responseCode = "200", description = "The file and its download",
            content = @Content(schema = @Schema(implementation = BriefFileView.class)))
    public Uni<BriefFileView> get(@PathParam("id") UUID id, @PathParam("fileId") UUID fileId) {
        return files.download(identity.tenantContext(), id, fileId)
                .onItem().ifNull().failWith(() -> notFound(id, fileId));
    }

    @DELETE
    @Path("/{fileId}")
    @RolesAllowed("admin")
    @Operation(summary = "Delete a file (admin): the object goes, the record of who deleted it when stays")
    @APIResponse(responseCode = "204", description = FileApiResponses.DELETED)
    public Uni<Response> delete(@PathParam("id") UUID id, @PathParam("fileId") UUID fileId) {
        return files.delete(identity.tenantContext(), id, fileId)
                .onItem().ifNull().failWith(() -> notFound(id, fileId))
                .map(deleted -> Response.noContent().build());
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no consultation " + id);
    }

    private static NotFoundException notFound(UUID id, UUID fileId) {
        return new NotFoundException("no file " + fileId + " of consultation " + id);
    }
}
