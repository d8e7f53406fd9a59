package io.quillspace.email.unsubscribe;

import io.quillspace.shared.identity.UserIds;
import io.quillspace.shared.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The unsubscribe link of non-transactional email (the {@code List-Unsubscribe} header and the link in the message).
 * GET changes nothing: mail scanners and link previews fetch links unasked, so it only shows a page whose button
 * POSTs to the same URL. POST unsubscribes: from that button, or from the mail program's one-click
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058), whose body it does not need. No token of ours
 * is needed: the link's HMAC is the authorization. A link we did not issue, or issued for another studio, gets an
 * HTML error page on GET (a person in a browser reads it) and a problem on POST.
 */
@Path("/unsubscribe")
@PermitAll
public class UnsubscribeResource {

    private final Unsubscribes unsubscribes;

    public UnsubscribeResource(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    @GET
    @Operation(summary = "The page that confirms an unsubscribe from follow-up emails; changes nothing")
    @APIResponse(responseCode = "200", description = "A page with the button that unsubscribes (POST)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "An HTML page: the link is incomplete or was not issued by us",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response confirmationPage(@QueryParam("tenant") String tenant, @QueryParam("email") String email,
                                     @QueryParam("token") String token) {
        Optional<UUID> studio = unsubscribes.issuer(tenant, email, token);
        if (studio.isEmpty()) {
            return page(400, "This unsubscribe link is not valid",
                    "<p>The link is incomplete or was not issued by us. Please use the link in the email you received.</p>");
        }
        String action = "?tenant=" + studio.get() + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return page(200, "Unsubscribe from follow-up emails",
                "<p>Stop follow-up emails to <strong>" + escape(UserIds.normalizedEmail(email)) + "</strong>?"
                        + " You will still receive confirmations and reminders of your bookings.</p>"
                        + "<form method=\"post\" action=\"" + escape(action) + "\">"
                        + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    @POST
    @Operation(summary = "Unsubscribe from follow-up emails (the page's button, or one-click List-Unsubscribe-Post)")
    @APIResponse(responseCode = "200", description = "Unsubscribed (again, if it already was): a page that says so",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "The link is incomplete, forged or another studio's")
    public Uni<Response> unsubscribe(@QueryParam("tenant") String tenant, @QueryParam("email") String email,
                                     @QueryParam("token") String token) {
        return unsubscribes.unsubscribe(tenant, email, token).map(done -> done
                ? page(200, "You are unsubscribed", "<p>You will receive no more follow-up emails.</p>")
                : Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.of("invalid-unsubscribe-link",
                        "Invalid unsubscribe link", 400, "the link is incomplete or was not issued by us")).build());
    }

    /** A small page that neither caches nor leaks the link (its token) to anything it could load. */
    private static Response page(int status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body><h1>" + title
                + "</h1>" + body + "</body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; form-action 'self'")
                .build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
