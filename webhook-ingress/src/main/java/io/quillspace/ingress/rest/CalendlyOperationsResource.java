package io.quillspace.ingress.rest;

import io.quillspace.ingress.service.CalendlyStudios;
import io.quillspace.ingress.service.ReconciliationService;
import io.quillspace.ingress.service.SubscriptionService;
import io.quillspace.ingress.service.SubscriptionState;
import io.quillspace.shared.identity.CurrentIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Operator actions on a studio's Calendly connection, for the studio's admins: a reconciliation sweep now, and the
 * webhook subscription read or (re)created ({@code ./quillspace calendly subscribe},
 * k8s/operations/calendly-subscribe-job.yaml).
 */
@Path("/calendly/{studio}")
@RolesAllowed("admin")
public class CalendlyOperationsResource {

    private final CalendlyStudios studios;
    private final ReconciliationService reconciliation;
    private final SubscriptionService subscriptions;
    private final CurrentIdentity identity;

    public CalendlyOperationsResource(CalendlyStudios studios, ReconciliationService reconciliation,
                                      SubscriptionService subscriptions, CurrentIdentity identity) {
        this.studios = studios;
        this.reconciliation = reconciliation;
        this.subscriptions = subscriptions;
        this.identity = identity;
    }

    @POST
    @Path("/reconciliations")
    @Operation(summary = "Sweep the studio's Calendly meetings now and publish what webhooks missed")
    public Uni<ReconciliationService.SweepResult> sweep(@PathParam("studio") String studio) {
        return studio(studio).chain(reconciliation::sweep);
    }

    @GET
    @Path("/subscription")
    @Operation(summary = "Read the studio's Calendly webhook subscription")
    public Uni<SubscriptionState> subscription(@PathParam("studio") String studio) {
        return studio(studio).chain(subscriptions::check);
    }

    @PUT
    @Path("/subscription")
    @Operation(summary = "Create or recreate the studio's Calendly webhook subscription with its newest signing key")
    public Uni<SubscriptionState> subscribe(@PathParam("studio") String studio) {
        return studio(studio).chain(subscriptions::subscribe);
    }

    private Uni<CalendlyStudios.Studio> studio(String slug) {
        return studios.forCaller(slug, identity.tenantContext());
    }
}
