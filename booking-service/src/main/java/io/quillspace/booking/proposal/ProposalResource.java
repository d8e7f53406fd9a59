package io.quillspace.booking.proposal;

import io.quillspace.booking.common.ApiResponses;
import io.quillspace.booking.entity.Proposal;
import io.quillspace.shared.identity.CurrentIdentity;
import io.quillspace.shared.tenancy.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A proposal through its lifecycle: admins edit a draft and send it, the booking's client accepts or declines it.
 * Repeating a send, accept or decline that already happened answers the same and raises nothing; a request the
 * proposal's state does not allow is a 409 whose problem type says why.
 */
@Path("/proposals/{id}")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class ProposalResource {

    private final ProposalService proposals;
    private final CurrentIdentity identity;

    public ProposalResource(ProposalService proposals, CurrentIdentity identity) {
        this.proposals = proposals;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"user", "admin"})
    @Operation(summary = "One proposal with its history (a client sees their own once sent; an admin every one of "
            + "the tenant)")
    @APIResponse(responseCode = "200", description = "The proposal and its history; ETag carries its version",
            content = @Content(schema = @Schema(implementation = ProposalDetailView.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return proposals.find(identity.tenantContext(), id)
                .onItem().ifNull().failWith(() -> new NotFoundException("no proposal " + id))
                .map(found -> Response.ok(ProposalDetailView.of(found))
                        .tag(Integer.toString(found.proposal().version)).build());
    }

    @PUT
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a draft's content (admin)",
            description = "If-Match carries the version the edit started from (the ETag of the last read): of two "
                    + "edits from the same version only the first wins, the second gets 409 proposal-edited-concurrently.")
    @APIResponse(responseCode = "200", description = "The edited draft",
            content = @Content(schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT)
    public Uni<Response> edit(@PathParam("id") UUID id,
                              @Parameter(description = "the proposal's version, e.g. \"0\"", required = true)
                              @HeaderParam(HttpHeaders.IF_MATCH)
                              @NotNull(message = "must carry the proposal's version (its ETag)")
                              @Pattern(regexp = "\"?[0-9]{1,9}\"?", message = "must be the proposal's version, e.g. \"0\"")
                              String ifMatch,
                              @Valid @NotNull ProposalDraft proposal) {
        int version = Integer.parseInt(ifMatch.replace("\"", ""));
        return answer(id, (caller, proposalId) -> proposals.edit(caller, proposalId, version, proposal));
    }

    @POST
    @Path("/send")
    @RolesAllowed("admin")
    @Operation(summary = "Send a draft to the client (admin); raises proposal.sent, supersedes earlier sent proposals")
    @APIResponse(responseCode = "200", description = "The sent proposal",
            content = @Content(schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT)
    public Uni<Response> send(@PathParam("id") UUID id) {
        return answer(id, proposals::send);
    }

    @POST
    @Path("/accept")
    @RolesAllowed("user")
    @Operation(summary = "Accept a sent proposal (the booking's client); raises proposal.accepted once")
    @APIResponse(responseCode = "200", description = "The accepted proposal",
            content = @Content(schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT)
    public Uni<Response> accept(@PathParam("id") UUID id) {
        return answer(id, proposals::accept);
    }

    @POST
    @Path("/decline")
    @RolesAllowed("user")
    @Operation(summary = "Decline a sent proposal (the booking's client); raises proposal.declined once")
    @APIResponse(responseCode = "200", description = "The declined proposal",
            content = @Content(schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT)
    public Uni<Response> decline(@PathParam("id") UUID id) {
        return answer(id, proposals::decline);
    }

    /** The proposal as {@code action} leaves it, with its version as ETag; 404 when the caller may not see it. */
    private Uni<Response> answer(UUID id, BiFunction<TenantContext, UUID, Uni<Proposal>> action) {
        return action.apply(identity.tenantContext(), id)
                .onItem().ifNull().failWith(() -> new NotFoundException("no proposal " + id))
                .map(proposal -> withVersion(Response.ok(), proposal).build());
    }

    public static Response.ResponseBuilder withVersion(Response.ResponseBuilder response, Proposal proposal) {
        return response.entity(ProposalView.of(proposal)).tag(Integer.toString(proposal.version));
    }
}
