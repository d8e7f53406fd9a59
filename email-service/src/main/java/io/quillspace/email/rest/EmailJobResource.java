package io.quillspace.email.rest;

import io.quillspace.email.service.EmailJobService;
import io.quillspace.shared.identity.CurrentIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;

/** Email job administration for studio admins: what was scheduled and sent for the tenant's bookings. */
@Path("/email-jobs")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
public class EmailJobResource {

    private final EmailJobService jobs;
    private final CurrentIdentity identity;

    public EmailJobResource(EmailJobService jobs, CurrentIdentity identity) {
        this.jobs = jobs;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The tenant's email jobs, newest first")
    public Uni<List<EmailJobView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
                                        @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return jobs.list(identity.tenantContext(), page, size)
                .map(found -> found.stream().map(EmailJobView::of).toList());
    }
}
