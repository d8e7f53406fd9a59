package io.quillspace.email.rest;

import io.quillspace.email.service.Unsubscribes;
import io.quillspace.shared.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/**
 * The unsubscribe link of non-transactional email, reached from the recipient's mail program: GET from the link in
 * the message, POST from the one-click {@code List-Unsubscribe-Post} (RFC 8058). No token of ours is needed: the
 * link's HMAC is the authorization.
 */
@Path("/unsubscribe")
@PermitAll
public class UnsubscribeResource {

    private final Unsubscribes unsubscribes;

    public UnsubscribeResource(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Unsubscribe from follow-up emails (link in the email)")
    public Uni<Response> fromLink(@QueryParam("tenant") UUID tenant, @QueryParam("email") String email,
                                  @QueryParam("token") String token) {
        return unsubscribe(tenant, email, token, Response.ok(
                "<!DOCTYPE html><html lang=\"en\"><body><p>You will receive no more follow-up emails.</p></body></html>",
                MediaType.TEXT_HTML_TYPE));
    }

    @POST
    @Operation(summary = "Unsubscribe from follow-up emails (one-click, List-Unsubscribe-Post)")
    public Uni<Response> oneClick(@QueryParam("tenant") UUID tenant, @QueryParam("email") String email,
                                  @QueryParam("token") String token) {
        return unsubscribe(tenant, email, token, Response.ok());
    }

    private Uni<Response> unsubscribe(UUID tenant, String email, String token, Response.ResponseBuilder done) {
        if (tenant == null || email == null || email.isBlank()) {
            return Uni.createFrom().item(invalidLink());
        }
        return unsubscribes.unsubscribe(tenant, email, token).map(valid -> valid ? done.build() : invalidLink());
    }

    private static Response invalidLink() {
        Problem problem = Problem.of("invalid-unsubscribe-link", "Invalid unsubscribe link", 400,
                "the link is incomplete or was not issued by us");
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
