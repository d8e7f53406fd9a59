package io.quillspace.ingress.rest;

import io.quillspace.ingress.connection.ConnectionStore;
import io.quillspace.ingress.service.CalendlyConnections;
import io.quillspace.shared.identity.CurrentIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** A studio's Calendly connection, for its own admin: connect with a personal access token, rotate the signing key. */
@Path("/studios/{id}/calendly")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
public class CalendlyConnectionResource {

    /** A personal access token of an admin or owner of the studio's Calendly organization. */
    public record ConnectRequest(String token) {
    }

    /** The connection as stored; never the token or a key. */
    public record ConnectionView(String organization, String user, String subscription, int signingKeyGeneration,
                                 Instant previousKeysAcceptedUntil, Instant connectedAt) {

        static ConnectionView of(ConnectionStore.Stored stored) {
            ConnectionStore.Opened connection = stored.connection();
            return new ConnectionView(connection.organization(), connection.user(), connection.subscription(),
                    stored.generation(), stored.previousKeysAcceptedUntil(), connection.connectedAt());
        }
    }

    private final CalendlyConnections connections;
    private final CurrentIdentity identity;

    public CalendlyConnectionResource(CalendlyConnections connections, CurrentIdentity identity) {
        this.connections = connections;
        this.identity = identity;
    }

    @PUT
    @Operation(summary = "Connect the studio's Calendly organization (its own admin only)")
    @APIResponse(responseCode = "200", description = "Connected: a new signing key and webhook subscription")
    @APIResponse(responseCode = "404", description = "Not the caller's studio, or deleted")
    @APIResponse(responseCode = "422", description = "Calendly does not accept the token")
    @APIResponse(responseCode = "403", description = "The token's user is not an admin or owner of its organization")
    @APIResponse(responseCode = "502", description = "Calendly's API failed")
    public Uni<ConnectionView> connect(@PathParam("id") UUID id, ConnectRequest request) {
        return connections.connect(identity.tenantContext(), id, request == null ? null : request.token())
                .map(ConnectionView::of);
    }

    @POST
    @Path("/signing-key-rotations")
    @Operation(summary = "Rotate the studio's webhook signing key (its own admin only)")
    @APIResponse(responseCode = "201", description = "A new key and subscription; the previous key is accepted until previousKeysAcceptedUntil")
    @APIResponse(responseCode = "404", description = "Not the caller's studio, or deleted")
    @APIResponse(responseCode = "409", description = "The studio has no Calendly connection")
    public Uni<Response> rotate(@PathParam("id") UUID id) {
        return connections.rotateSigningKey(identity.tenantContext(), id).map(stored -> Response
                .created(URI.create("/studios/" + id + "/calendly")).entity(ConnectionView.of(stored)).build());
    }
}
