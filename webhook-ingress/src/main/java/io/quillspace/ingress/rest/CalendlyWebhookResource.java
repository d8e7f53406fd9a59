package io.quillspace.ingress.rest;

import io.quillspace.ingress.service.SignatureVerifier;
import io.quillspace.ingress.service.WebhookIntake;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Calendly's webhook endpoint. No JWT: the signature is the authentication. The body is taken as raw bytes because
 * the signature covers them exactly. {@code /webhooks/calendly} serves the default studio;
 * {@code /webhooks/calendly/{tenant}} a named one.
 */
@Path("/webhooks/calendly")
public class CalendlyWebhookResource {

    private final WebhookIntake intake;

    public CalendlyWebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    @POST
    @ResponseStatus(202)
    @Operation(summary = "Receive a Calendly delivery for the default studio")
    public Uni<Void> receiveForDefaultTenant(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                             @HeaderParam(SignatureVerifier.HEADER) String signature,
                                             @RequestBody byte[] body) {
        return receive(null, contentType, signature, body);
    }

    @POST
    @ResponseStatus(202)
    @Path("/{tenant}")
    @Operation(summary = "Receive a Calendly delivery for the studio named in the path")
    public Uni<Void> receiveForTenant(@PathParam("tenant") String tenant,
                                      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                      @HeaderParam(SignatureVerifier.HEADER) String signature,
                                      @RequestBody byte[] body) {
        return receive(tenant, contentType, signature, body);
    }

    private Uni<Void> receive(String tenant, String contentType, String signature, byte[] body) {
        return intake.receive(new WebhookIntake.Delivery(tenant, contentType, signature, body == null ? new byte[0] : body));
    }
}
