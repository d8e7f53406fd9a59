package io.quillspace.email.dispatch;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.shared.identity.CurrentIdentity;
import io.quillspace.shared.problem.Conflict;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.UUID;

/** Email job administration for studio admins: what was scheduled and sent, and a retry of what failed. */
@Path("/email-jobs")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class EmailJobResource {

    private final EmailJobAdmin jobs;
    private final CurrentIdentity identity;

    public EmailJobResource(EmailJobAdmin jobs, CurrentIdentity identity) {
        this.jobs = jobs;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The tenant's email jobs, newest first; optionally of one booking and in one status")
    @APIResponse(responseCode = "200", description = "One page of jobs",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = EmailJobView.class)))
    public Uni<List<EmailJobView>> list(@QueryParam("booking") UUID booking, @QueryParam("status") EmailJob.Status status,
                                        @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
                                        @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return jobs.list(identity.tenantContext(), booking, status, page, size)
                .map(found -> found.stream().map(EmailJobView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One email job with its history: every status change and claim, oldest first")
    @APIResponse(responseCode = "200", description = "The job and its history",
            content = @Content(schema = @Schema(implementation = EmailJobDetailView.class)))
    @APIResponse(responseCode = "404", description = "No email job of that id in the tenant")
    public Uni<EmailJobDetailView> get(@PathParam("id") UUID id) {
        return jobs.find(identity.tenantContext(), id)
                .onItem().ifNull().failWith(() -> new NotFoundException("no email job " + id))
                .map(EmailJobDetailView::of);
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Send a FAILED job again, with fresh attempts; 409 if it has not failed")
    @APIResponse(responseCode = "204", description = "The job is pending again")
    @APIResponse(responseCode = "409", description = EmailJobProblems.NOT_FAILED)
    public Uni<Void> retry(@PathParam("id") UUID id) {
        return jobs.retry(identity.tenantContext(), id).map(result -> switch (result) {
            case RETRIED -> null;
            case NOT_FOUND -> throw new NotFoundException("no email job " + id);
            case NOT_FAILED -> throw new Conflict(EmailJobProblems.JOB_NOT_FAILED, "email job " + id + " has not failed");
        });
    }
}
