package io.quillspace.email.template;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.EmailTemplateRepository;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantSignals;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every email's subject, HTML and text part: a studio's own template of the kind if it has one, the built-in one
 * otherwise, both compiled and rendered in the sandbox ({@link TemplateSandbox}). Compiling and rendering run on a
 * worker thread, never on the event loop. Compiled templates are cached per studio and kind; a change on any replica
 * evicts the studio's entries on all of them ({@link #evict}, driven by a database notification).
 */
@ApplicationScoped
public class EmailTemplates {

    /** A template's three parts, as written. */
    public record Source(String subject, String html, String text) {
    }

    /**
     * What one email shows: the meeting, the project (kickoff emails only, else null), the proposal (proposal emails
     * only, else null), the delivered file (delivery emails only, else null), the unsubscribe link
     * (non-transactional email only, else null) and the studio (every email).
     */
    public record Data(EmailView meeting, ProjectView project, ProposalView proposal, DeliveryView delivery,
                       String unsubscribeUrl, StudioView studio) {

        /** What a job's captured context shows, sent by {@code studio}. */
        public static Data of(EmailJob.MeetingContext context, String unsubscribeUrl, StudioView studio) {
            return new Data(EmailView.of(context), ProjectView.of(context.project()), ProposalView.of(context.proposal(),
                    context.inviteeTimeZone()), DeliveryView.of(context.delivered()), unsubscribeUrl, studio);
        }
    }

    /** An email ready to send. */
    public record Rendered(String subject, String html, String text) {
    }

    /** The channel the email_templates trigger signals a studio's change on. */
    static final String CHANGE_CHANNEL = "email_templates";

    private record Key(UUID tenant, EmailJob.Kind kind) {
    }

    private final EmailTemplateRepository stored;
    private final TemplateCompiler compiler = new TemplateCompiler();
    private final Map<EmailJob.Kind, Source> defaults = new EnumMap<>(EmailJob.Kind.class);
    private final Map<Key, TemplateCompiler.Compiled> cache = new ConcurrentHashMap<>();
    private final TenantSignals changes = new TenantSignals(CHANGE_CHANNEL,
            tenant -> Uni.createFrom().voidItem().invoke(() -> evict(tenant)),
            () -> Uni.createFrom().voidItem().invoke(this::evictAll));

    public EmailTemplates(EmailTemplateRepository stored) {
        this.stored = stored;
        for (EmailJob.Kind kind : EmailJob.Kind.values()) {
            String name = "email-templates/" + kind.name().toLowerCase(Locale.ROOT);
            defaults.put(kind, new Source(resource(name + ".subject"), resource(name + ".html"), resource(name + ".txt")));
        }
    }

    void startListening(@Observes StartupEvent started, Vertx vertx) {
        changes.listen(vertx, TenantSignals.datasource());
    }

    void stopListening(@Observes ShutdownEvent stopping) {
        changes.close();
    }

    public Source builtIn(EmailJob.Kind kind) {
        return defaults.get(kind);
    }

    /**
     * Renders the kind for the tenant, loading (in its own transaction) and caching the tenant's template on a miss.
     *
     * @throws TemplateRenderException (as the failure) if the email cannot be rendered from this template and data: a
     *                                 part renders past the bound, or the stored template is not valid
     */
    public Uni<Rendered> render(UUID tenant, EmailJob.Kind kind, Data data) {
        Key key = new Key(tenant, kind);
        TemplateCompiler.Compiled cached = cache.get(key);
        Uni<Source> source = cached != null ? Uni.createFrom().nullItem()
                : TenantTransactions.inTenant(TenantContext.service(tenant), stored::all)
                        .map(templates -> templates.stream().filter(template -> template.kind().equals(kind.name()))
                                .findFirst()
                                .map(template -> new Source(template.subject(), template.html(), template.text()))
                                .orElse(defaults.get(kind)));
        return source.chain(loaded -> offTheEventLoop(() -> compiler.render(
                cached != null ? cached : cache.computeIfAbsent(key, ignored -> compileStored(kind, loaded)), data)));
    }

    /**
     * Checks a template of the kind and renders it with the kind's sample data, as a studio's draft is checked before
     * it is stored or previewed.
     *
     * @throws InvalidTemplateException (as the failure) naming every problem, a sample render past the bound included
     */
    public Uni<Rendered> check(EmailJob.Kind kind, Source source) {
        return offTheEventLoop(() -> {
            TemplateCompiler.Compiled compiled = compiler.compile(kind, source);
            try {
                return compiler.render(compiled, PreviewSample.of(kind));
            } catch (TemplateRenderException failure) {
                throw new InvalidTemplateException(List.of(new TemplateProblem(failure.part(), 0,
                        failure.getMessage())));
            }
        });
    }

    /** Forgets the tenant's compiled templates: one of them changed. */
    public void evict(UUID tenant) {
        cache.keySet().removeIf(key -> key.tenant().equals(tenant));
    }

    public void evictAll() {
        cache.clear();
    }

    /** A stored template was checked when it was saved; one written otherwise (or before the sandbox) may not pass. */
    private TemplateCompiler.Compiled compileStored(EmailJob.Kind kind, Source source) {
        try {
            return compiler.compile(kind, source);
        } catch (InvalidTemplateException invalid) {
            throw new TemplateRenderException(null, "the studio's " + kind.name().toLowerCase(Locale.ROOT)
                    + " template is not valid: " + invalid.getMessage());
        }
    }

    /**
     * Runs the work on a worker thread and resumes on the caller's context: a template of 100,000 characters takes
     * measurable time to parse and its parts up to 256 KiB each to render, which the event loop must not wait for.
     */
    private static <T> Uni<T> offTheEventLoop(Supplier<T> work) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(() -> context.executeBlocking(work::get, false).toCompletionStage());
    }

    private static String resource(String name) {
        try (InputStream in = EmailTemplates.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("built-in email template " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
