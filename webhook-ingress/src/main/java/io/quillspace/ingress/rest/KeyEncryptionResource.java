package io.quillspace.ingress.rest;

import io.quillspace.ingress.connection.KekReseal;
import io.quillspace.ingress.studio.PlatformOperator;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The platform operator's step of a key-encryption-key rotation (README: webhook-ingress, studios). */
@Path("/key-encryption/reseals")
@RolesAllowed(PlatformOperator.ROLE)
@SecurityRequirement(name = "jwt")
public class KeyEncryptionResource {

    private final KekReseal reseal;
    private final PlatformOperator operator;

    public KeyEncryptionResource(KekReseal reseal, PlatformOperator operator) {
        this.reseal = reseal;
        this.operator = operator;
    }

    @POST
    @Operation(summary = "Seal every stored token and signing key again under the current KEK (platform operator)")
    public Uni<KekReseal.Result> resealAll() {
        operator.require();
        return reseal.resealAll();
    }
}
