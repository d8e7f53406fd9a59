package io.quillspace.email.service;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.EmailTemplateRepository;
import io.quillspace.email.repository.EmailTemplateRepository.StoredTemplate;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantSignals;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every email's subject, HTML and text part: a studio's own template of the kind if it has one, the built-in one
 * otherwise. Templates are Qute; the HTML part escapes every value it shows. Compiled templates are cached per studio
 * and kind; a change on any replica evicts the studio's entries on all of them ({@link #evict}, driven by a database
 * notification).
 */
@ApplicationScoped
public class EmailTemplates {

    /** A template's three parts, as written. */
    public record Source(String subject, String html, String text) {
    }

    /**
     * What one email shows: the meeting, the project (kickoff emails only, else null), the proposal (proposal emails
     * only, else null) and the unsubscribe link
     * (non-transactional email only, else null).
     */
    public record Data(EmailView meeting, ProjectView project, ProposalView proposal, String unsubscribeUrl) {

        /** What a job's captured context shows. */
        public static Data of(EmailJob.MeetingContext context, String unsubscribeUrl) {
            return new Data(EmailView.of(context), ProjectView.of(context.project()), ProposalView.of(context.proposal(),
                    context.inviteeTimeZone()), unsubscribeUrl);
        }

        io.quarkus.qute.TemplateInstance into(Template template) {
            return template.data("meeting", meeting).data("project", project).data("proposal", proposal)
                    .data("unsubscribeUrl", unsubscribeUrl);
        }
    }

    /** An email ready to send. */
    public record Rendered(String subject, String html, String text) {
    }

    /**
     * What a template may refer to: {@code meeting.<property>}, {@code project.<property>} (kickoff),
     * {@code proposal.<property>} (proposal sent) and, in non-transactional email, {@code unsubscribeUrl}.
     */
    static final Map<String, Set<String>> ROOTS = Map.of("meeting", EmailView.PROPERTIES, "project", ProjectView.PROPERTIES,
            "proposal", ProposalView.PROPERTIES, "unsubscribeUrl", Set.of());
    /** The channel the email_templates trigger signals a studio's change on. */
    static final String CHANGE_CHANNEL = "email_templates";
    private static final Pattern LOOP_ALIAS = Pattern.compile("\\{#(?:for|let)\\s+(\\w+)");

    private record Compiled(Template subject, Template html, Template text) {
    }

    private record Key(UUID tenant, EmailJob.Kind kind) {
    }

    private final Engine engine;
    private final EmailTemplateRepository stored;
    private final Map<EmailJob.Kind, Source> defaults = new EnumMap<>(EmailJob.Kind.class);
    private final Map<Key, Compiled> cache = new ConcurrentHashMap<>();
    private final TenantSignals changes = new TenantSignals(CHANGE_CHANNEL,
            tenant -> Uni.createFrom().voidItem().invoke(() -> evict(tenant)),
            () -> Uni.createFrom().voidItem().invoke(this::evictAll));

    public EmailTemplates(Engine engine, EmailTemplateRepository stored) {
        this.engine = engine;
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

    /** Renders the kind for the tenant, loading (in its own transaction) and caching the tenant's template on a miss. */
    public Uni<Rendered> render(UUID tenant, EmailJob.Kind kind, Data data) {
        Compiled cached = cache.get(new Key(tenant, kind));
        Uni<Compiled> compiled = cached != null ? Uni.createFrom().item(cached)
                : TenantTransactions.inTenant(TenantContext.service(tenant), stored::all)
                        .map(templates -> cache.computeIfAbsent(new Key(tenant, kind), key -> compile(
                                templates.stream().filter(template -> template.kind().equals(kind.name())).findFirst()
                                        .map(template -> new Source(template.subject(), template.html(), template.text()))
                                        .orElse(defaults.get(kind)))));
        return compiled.map(templates -> render(templates, data));
    }

    /** Renders a template as given (a preview), without caching it; the template must be valid. */
    public Rendered preview(Source source, Data data) {
        return render(compile(source), data);
    }

    /** Forgets the tenant's compiled templates: one of them changed. */
    public void evict(UUID tenant) {
        cache.keySet().removeIf(key -> key.tenant().equals(tenant));
    }

    public void evictAll() {
        cache.clear();
    }

    /**
     * What is wrong with a template: parts that do not compile, and every variable it uses that emails do not
     * provide. Empty when it is valid.
     */
    public List<String> problems(Source source) {
        List<String> problems = new ArrayList<>();
        check("subject", source.subject(), Variant.TEXT_PLAIN, problems);
        check("html", source.html(), Variant.TEXT_HTML, problems);
        check("text", source.text(), Variant.TEXT_PLAIN, problems);
        return problems;
    }

    private void check(String part, String content, String mediaType, List<String> problems) {
        Template template;
        try {
            template = parse(content, mediaType);
        } catch (TemplateException e) {
            problems.add(part + " does not compile: " + e.getMessage());
            return;
        }
        Set<String> aliases = new java.util.HashSet<>();
        Matcher alias = LOOP_ALIAS.matcher(content);
        while (alias.find()) {
            aliases.add(alias.group(1));
        }
        for (Expression expression : template.getExpressions()) {
            if (expression.isLiteral()) {
                continue;
            }
            String name = String.join(".", expression.getParts().stream().map(Expression.Part::getName).toList());
            if (expression.hasNamespace()) {
                problems.add(part + " uses unknown variable '" + expression.getNamespace() + ":" + name + "'");
                continue;
            }
            String root = expression.getParts().get(0).getName();
            // A loop's alias, and its iteration metadata ({phase_count}, {phase_hasNext}...).
            if (aliases.contains(root) || aliases.stream().anyMatch(loop -> root.startsWith(loop + "_"))) {
                continue;
            }
            Set<String> properties = ROOTS.get(root);
            boolean known = properties != null && (expression.getParts().size() == 1
                    || properties.contains(expression.getParts().get(1).getName()));
            if (!known) {
                problems.add(part + " uses unknown variable '" + name + "'");
            }
        }
    }

    private Compiled compile(Source source) {
        return new Compiled(parse(source.subject(), Variant.TEXT_PLAIN), parse(source.html(), Variant.TEXT_HTML),
                parse(source.text(), Variant.TEXT_PLAIN));
    }

    private Template parse(String content, String mediaType) {
        return engine.parse(content, Variant.forContentType(mediaType));
    }

    private static Rendered render(Compiled templates, Data data) {
        return new Rendered(data.into(templates.subject()).render().strip(), data.into(templates.html()).render(),
                data.into(templates.text()).render());
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
