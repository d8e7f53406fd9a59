package io.quillspace.booking.consultation;

import io.quillspace.booking.common.ApiResponses;
import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.proposal.ProposalDraft;
import io.quillspace.booking.proposal.ProposalResource;
import io.quillspace.booking.proposal.ProposalService;
import io.quillspace.booking.proposal.ProposalView;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A client's consultations (bookings), or the whole studio's for an admin, with their brief and proposals. Row-Level
 * Security decides which rows a caller sees: a booking of another user or another tenant does not exist for them (404,
 * never 403).
 */
@Path("/consultations")
@RolesAllowed({"user", "admin"})
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class ConsultationResource {

    /** The dashboard's range when none is given: the last and the next 30 days. */
    private static final Duration DEFAULT_DASHBOARD_REACH = Duration.ofDays(30);

    private final ConsultationService consultations;
    private final ProposalService proposals;
    private final CurrentIdentity identity;
    private final Clock clock;

    public ConsultationResource(ConsultationService consultations, ProposalService proposals,
                                CurrentIdentity identity, Clock clock) {
        this.consultations = consultations;
        this.proposals = proposals;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Consultations visible to the caller, newest start first",
            description = "A user sees their own, an admin the tenant's. Pages from 0; at most "
                    + ConsultationService.MAX_PAGE_SIZE + " per page; `next` is the next page's link, null on the last.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(schema = @Schema(implementation = ConsultationPage.class)))
    public Uni<ConsultationPage> list(
            @QueryParam("status") @Pattern(regexp = "SCHEDULED|CANCELED|RESCHEDULED",
                    message = "must be one of SCHEDULED, CANCELED, RESCHEDULED") String status,
            @Parameter(description = "earliest start time, inclusive (ISO-8601)") @QueryParam("from") @IsoInstant String from,
            @Parameter(description = "latest start time, exclusive (ISO-8601)") @QueryParam("to") @IsoInstant String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(ConsultationService.MAX_PAGE_SIZE) int size,
            @Context UriInfo uri) {
        return consultations.list(identity.tenantContext(), status == null ? null : Booking.Status.valueOf(status),
                        IsoInstant.Validator.parse(from), IsoInstant.Validator.parse(to), page, size)
                .map(found -> new ConsultationPage(found.bookings().stream().map(ConsultationView::of).toList(), page,
                        size, found.total(), PageLinks.next(uri, page, size, found.total())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One consultation with its history, brief (every version) and proposals")
    @APIResponse(responseCode = "200", description = "The consultation",
            content = @Content(schema = @Schema(implementation = ConsultationView.class)))
    public Uni<ConsultationView> get(@PathParam("id") UUID id) {
        return consultations.find(identity.tenantContext(), id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(ConsultationView::of);
    }

    @GET
    @Path("/dashboard")
    @RolesAllowed("admin")
    @Operation(summary = "The studio's figures: counts by status, upcoming in 7 days, and the funnel",
            description = "For consultations starting in [from, to); by default the last and the next 30 days.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = DashboardView.class)))
    public Uni<DashboardView> dashboard(@QueryParam("from") @IsoInstant String from,
                                        @QueryParam("to") @IsoInstant String to) {
        Instant now = clock.instant();
        Instant start = from == null ? now.minus(DEFAULT_DASHBOARD_REACH) : IsoInstant.Validator.parse(from);
        Instant end = to == null ? now.plus(DEFAULT_DASHBOARD_REACH) : IsoInstant.Validator.parse(to);
        return consultations.dashboard(identity.tenantContext(), start, end).map(DashboardView::of);
    }

    @PUT
    @Path("/{id}/brief")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit the project brief (the booking's client or an admin)",
            description = "Each submission that differs from the latest is a new version; repeating the latest changes "
                    + "nothing (same answer, no event). Raises brief.submitted on proposal-events.v1.")
    @APIResponse(responseCode = "200", description = "The brief's latest version",
            content = @Content(schema = @Schema(implementation = BriefView.class)))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT)
    public Uni<BriefView> submitBrief(@PathParam("id") UUID id, @Valid @NotNull BriefSubmission brief) {
        return consultations.submitBrief(identity.tenantContext(), id, brief)
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(submitted -> BriefView.of(submitted.brief(), submitted.version()));
    }

    @POST
    @Path("/{id}/proposals")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft a proposal for the consultation (admin)")
    @APIResponse(responseCode = "201", description = "The draft; Location names it",
            content = @Content(schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT)
    public Uni<Response> createProposal(@PathParam("id") UUID id, @Valid @NotNull ProposalDraft proposal) {
        return proposals.create(identity.tenantContext(), id, proposal)
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(created -> ProposalResource.withVersion(
                        Response.created(URI.create("/proposals/" + created.id)), created).build());
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no consultation " + id);
    }
}
