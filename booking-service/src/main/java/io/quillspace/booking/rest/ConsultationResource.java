package io.quillspace.booking.rest;

import io.quillspace.booking.service.BookingService;
import io.quillspace.shared.identity.CurrentIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.UUID;

/**
 * A client's consultations, or the whole studio's for an admin. Row-Level Security decides which rows a caller sees:
 * a booking of another user or another tenant does not exist for them (404, never 403).
 */
@Path("/consultations")
@RolesAllowed({"user", "admin"})
@SecurityRequirement(name = "jwt")
public class ConsultationResource {

    private final BookingService bookings;
    private final CurrentIdentity identity;

    public ConsultationResource(BookingService bookings, CurrentIdentity identity) {
        this.bookings = bookings;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Consultations visible to the caller, soonest first")
    public Uni<List<ConsultationView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
                                            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return bookings.visible(identity.tenantContext(), page, size)
                .map(found -> found.stream().map(ConsultationView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One consultation with its history, if visible to the caller")
    public Uni<ConsultationView> get(@PathParam("id") UUID id) {
        return bookings.findVisible(identity.tenantContext(), id)
                .onItem().ifNull().failWith(() -> new NotFoundException("no consultation " + id))
                .map(ConsultationView::of);
    }
}
