package io.quillspace.email.template;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.shared.identity.CurrentIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A studio's email templates (admins): every kind with the template it is sent with, the studio's own wording of a kind
 * (checked: it must compile, stay inside what its emails offer and render within bounds), removal of that wording (back
 * to the built-in one), and a preview with sample data.
 */
@Path("/email-templates")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
public class EmailTemplateResource {

    private static final String NO_SUCH_KIND = "No email kind of that name";
    private static final String REFUSED = "The template is refused (`type` invalid-template; every problem in `errors`, "
            + "under the part it is in): it does not compile, names what its emails do not offer, uses a method, section "
            + "or namespace templates may not, or renders past 256 KiB with the sample data; or the body is invalid "
            + "(`type` invalid-request)";

    /** A template's three parts, Qute: see README, "Studio templates: what a studio may use". */
    public record TemplateBody(@NotBlank @Size(max = 500) String subject, @NotBlank @Size(max = 100_000) String html,
                               @NotBlank @Size(max = 100_000) String text) {

        EmailTemplates.Source source() {
            return new EmailTemplates.Source(subject, html, text);
        }
    }

    public record TemplateView(String kind, boolean overridden, boolean transactional, String subject, String html,
                               String text) {

        static TemplateView of(EmailTemplateService.EffectiveTemplate template) {
            return new TemplateView(template.kind().name().toLowerCase(Locale.ROOT), template.overridden(),
                    template.kind().transactional(), template.source().subject(), template.source().html(),
                    template.source().text());
        }
    }

    /**
     * A kind's template with its history: each edit or removal of the studio's own wording, oldest first, by whom
     * (their token's sub), when, and the version it replaced (none for the first).
     */
    public record TemplateDetailView(@JsonUnwrapped TemplateView template, List<Change> history) {

        /** @param change {@code CREATED | UPDATED | DELETED} */
        public record Change(String change, UUID changedBy, Instant changedAt, String previousSubject,
                             String previousHtml, String previousText) {
        }

        static TemplateDetailView of(EmailTemplateService.WithHistory found) {
            return new TemplateDetailView(TemplateView.of(found.template()), found.history().stream()
                    .map(entry -> new Change(entry.change, entry.changedBy, entry.changedAt, entry.previousSubject,
                            entry.previousHtml, entry.previousText))
                    .toList());
        }
    }

    public record PreviewView(String subject, String html, String text) {
    }

    private final EmailTemplateService templates;
    private final CurrentIdentity identity;

    public EmailTemplateResource(EmailTemplateService templates, CurrentIdentity identity) {
        this.templates = templates;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every email kind with the template it is sent with")
    @APIResponse(responseCode = "200", description = "Every kind, in a fixed order")
    public Uni<List<TemplateView>> list() {
        return templates.list(identity.tenantContext()).map(all -> all.stream().map(TemplateView::of).toList());
    }

    @GET
    @Path("/{kind}")
    @Operation(summary = "The template one email kind is sent with, and the history of the studio's wording of it")
    @APIResponse(responseCode = "200", description = "The kind's template and its history",
            content = @Content(schema = @Schema(implementation = TemplateDetailView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_KIND)
    public Uni<TemplateDetailView> get(@PathParam("kind") String kind) {
        return templates.detail(identity.tenantContext(), kind(kind)).map(TemplateDetailView::of);
    }

    @PUT
    @Path("/{kind}")
    @Operation(summary = "Set the studio's own template of an email kind",
            description = "Nothing is stored unless the template passes every check.")
    @APIResponse(responseCode = "200", description = "Stored; the kind's next emails use it")
    @APIResponse(responseCode = "400", description = REFUSED)
    @APIResponse(responseCode = "404", description = NO_SUCH_KIND)
    public Uni<TemplateView> save(@PathParam("kind") String kind, @Valid @NotNull TemplateBody body) {
        return templates.save(identity.tenantContext(), kind(kind), body.source()).map(TemplateView::of);
    }

    @DELETE
    @Path("/{kind}")
    @Operation(summary = "Remove the studio's own template of an email kind; the built-in one applies again")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404",
            description = "No email kind of that name, or the studio has no template of its own for it")
    public Uni<Response> delete(@PathParam("kind") String kind) {
        EmailJob.Kind emailKind = kind(kind);
        return templates.delete(identity.tenantContext(), emailKind).map(deleted -> {
            if (!deleted) {
                throw new NotFoundException("the studio has no template of its own for " + kind);
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("/{kind}/preview")
    @Operation(summary = "Render an email kind with sample data: the body's draft if given, else the effective template",
            description = "The draft is checked as a stored template is; nothing is stored.")
    @APIResponse(responseCode = "200", description = "The rendered subject, HTML and text")
    @APIResponse(responseCode = "400", description = REFUSED)
    @APIResponse(responseCode = "404", description = NO_SUCH_KIND)
    public Uni<PreviewView> preview(@PathParam("kind") String kind, @Valid TemplateBody draft) {
        return templates.preview(identity.tenantContext(), kind(kind), draft == null ? null : draft.source())
                .map(rendered -> new PreviewView(rendered.subject(), rendered.html(), rendered.text()));
    }

    private static EmailJob.Kind kind(String name) {
        try {
            return EmailJob.Kind.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no email kind " + name);
        }
    }
}
