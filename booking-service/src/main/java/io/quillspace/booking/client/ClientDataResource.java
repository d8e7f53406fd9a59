package io.quillspace.booking.client;

import io.quillspace.shared.identity.CurrentIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
 * A client's data rights (GDPR Art. 15 and 17): the export of everything the studio holds about them, asked by the
 * studio's admin or by the client themself, and the erasure of their personal data, asked by the admin. Both are
 * answered by every service from {@code client-events.v1}; anyone else, or a client the caller does not see, gets 404.
 */
@Path("/clients/{userId}")
@RolesAllowed({"user", "admin"})
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class ClientDataResource {

    private final ClientDataService clients;
    private final CurrentIdentity identity;

    public ClientDataResource(ClientDataService clients, CurrentIdentity identity) {
        this.clients = clients;
        this.identity = identity;
    }

    @POST
    @Path("/exports")
    @Operation(summary = "Ask for everything the studio holds about the client (an admin, or the client themself)",
            description = "Raises client.export-requested; each service adds its part. Fetch the export at Location.")
    @APIResponse(responseCode = "202", description = "Requested; the export will be at Location",
            content = @Content(schema = @Schema(implementation = ClientExport.Accepted.class)))
    public Uni<Response> requestExport(@PathParam("userId") UUID userId) {
        return known(userId, clients.requestExport(identity.tenantContext(), userId))
                .map(requestId -> Response.accepted(new ClientExport.Accepted(requestId, "pending"))
                        .location(URI.create("/clients/" + userId + "/exports/" + requestId)).build());
    }

    @GET
    @Path("/exports/{requestId}")
    @Operation(summary = "The client's export: pending until every service's part has arrived, then the document",
            description = "Kept for quillspace.booking.client-data.export-retention (7 days) after the request.")
    @APIResponse(responseCode = "200", description = "The whole export",
            content = @Content(schema = @Schema(implementation = ClientExport.Document.class)))
    @APIResponse(responseCode = "202", description = "Still being assembled; the parts that have arrived",
            content = @Content(schema = @Schema(implementation = ClientExport.Pending.class)))
    public Uni<Response> export(@PathParam("userId") UUID userId, @PathParam("requestId") UUID requestId) {
        return clients.export(identity.tenantContext(), userId, requestId)
                .onItem().ifNull().failWith(() -> new NotFoundException("no export " + requestId + " of client " + userId))
                .map(export -> export.complete() ? Response.ok(export.document()).build()
                        : Response.accepted(export.pending()).build());
    }

    @POST
    @Path("/erasure")
    @RolesAllowed("admin")
    @Operation(summary = "Erase the client's personal data in every service (admin)",
            description = "Raises client.erasure-requested; each service replaces the client's personal data with "
                    + "tombstones, deletes the objects of their brief and deliverable files, keeps ids and counts, and "
                    + "records the erasure in history without the data. Later "
                    + "deliveries about the client are dropped.")
    @APIResponse(responseCode = "202", description = "Requested",
            content = @Content(schema = @Schema(implementation = ClientExport.Accepted.class)))
    public Uni<Response> requestErasure(@PathParam("userId") UUID userId) {
        return known(userId, clients.requestErasure(identity.tenantContext(), userId))
                .map(requestId -> Response.accepted(new ClientExport.Accepted(requestId, "accepted")).build());
    }

    /** The request's id, or 404 when the caller does not see the client. */
    private static Uni<UUID> known(UUID userId, Uni<UUID> request) {
        return request.onItem().ifNull().failWith(() -> new NotFoundException("no client " + userId));
    }
}
