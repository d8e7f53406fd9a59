package io.quillspace.email.template;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.entity.EmailTemplateHistoryEntry;
import io.quillspace.email.repository.AuditTrailRepository;
import io.quillspace.email.repository.EmailTemplateRepository;
import io.quillspace.email.repository.EmailTemplateRepository.StoredTemplate;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A studio's email templates: its own wording of a kind where it has one, the built-in one otherwise. */
@ApplicationScoped
public class EmailTemplateService {

    /** The template an email kind is sent with, and whether it is the studio's own. */
    public record EffectiveTemplate(EmailJob.Kind kind, boolean overridden, EmailTemplates.Source source) {
    }

    private final EmailTemplateRepository stored;
    private final EmailTemplates templates;
    private final AuditTrailRepository audit;

    public EmailTemplateService(EmailTemplateRepository stored, EmailTemplates templates, AuditTrailRepository audit) {
        this.stored = stored;
        this.templates = templates;
        this.audit = audit;
    }

    public Uni<List<EffectiveTemplate>> list(TenantContext caller) {
        return TenantTransactions.inTenant(caller, stored::all).map(own -> {
            Map<String, StoredTemplate> byKind = own.stream().collect(Collectors.toMap(StoredTemplate::kind, Function.identity()));
            return Arrays.stream(EmailJob.Kind.values()).map(kind -> effective(kind, byKind.get(kind.name()))).toList();
        });
    }

    public Uni<EffectiveTemplate> get(TenantContext caller, EmailJob.Kind kind) {
        return list(caller).map(all -> all.get(kind.ordinal()));
    }

    /** A kind's effective template with the studio's edits and removals of it, oldest first. */
    public record WithHistory(EffectiveTemplate template, List<EmailTemplateHistoryEntry> history) {
    }

    public Uni<WithHistory> detail(TenantContext caller, EmailJob.Kind kind) {
        return TenantTransactions.inTenant(caller, () -> stored.all().chain(own -> audit.ofTemplate(kind.name())
                .map(history -> new WithHistory(effective(kind, own.stream()
                        .filter(template -> template.kind().equals(kind.name())).findFirst().orElse(null)), history))));
    }

    /**
     * Stores the studio's wording of the kind once it is checked and renders within bounds with the sample data;
     * nothing is stored otherwise. @throws InvalidTemplateException naming every problem
     */
    public Uni<EffectiveTemplate> save(TenantContext caller, EmailJob.Kind kind, EmailTemplates.Source source) {
        return templates.check(kind, source)
                .chain(() -> TenantTransactions.inTenant(caller, () -> TenantTransactions.registerTenant(caller.tenantId())
                        .chain(() -> stored.save(caller.tenantId(),
                                new StoredTemplate(kind.name(), source.subject(), source.html(), source.text())))))
                .invoke(() -> templates.evict(caller.tenantId()))
                .replaceWith(new EffectiveTemplate(kind, true, source));
    }

    /** Removes the studio's wording of the kind; false if it had none. */
    public Uni<Boolean> delete(TenantContext caller, EmailJob.Kind kind) {
        return TenantTransactions.inTenant(caller, () -> stored.delete(kind.name()))
                .invoke(() -> templates.evict(caller.tenantId()));
    }

    /** The kind rendered with sample data: with {@code source} if given (a draft), else with the effective template. */
    public Uni<EmailTemplates.Rendered> preview(TenantContext caller, EmailJob.Kind kind, EmailTemplates.Source source) {
        Uni<EmailTemplates.Source> template = source != null ? Uni.createFrom().item(source)
                : get(caller, kind).map(EffectiveTemplate::source);
        return template.chain(chosen -> templates.check(kind, chosen));
    }

    private EffectiveTemplate effective(EmailJob.Kind kind, StoredTemplate own) {
        return own == null ? new EffectiveTemplate(kind, false, templates.builtIn(kind))
                : new EffectiveTemplate(kind, true, new EmailTemplates.Source(own.subject(), own.html(), own.text()));
    }
}
