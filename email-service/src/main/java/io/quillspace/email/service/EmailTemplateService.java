package io.quillspace.email.service;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.EmailTemplateRepository;
import io.quillspace.email.repository.EmailTemplateRepository.StoredTemplate;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    public EmailTemplateService(EmailTemplateRepository stored, EmailTemplates templates) {
        this.stored = stored;
        this.templates = templates;
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

    /** Stores the studio's wording of the kind. @throws InvalidTemplateException naming every problem */
    public Uni<EffectiveTemplate> save(TenantContext caller, EmailJob.Kind kind, EmailTemplates.Source source) {
        List<String> problems = templates.problems(source);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new InvalidTemplateException(problems));
        }
        return TenantTransactions.inTenant(caller, () -> TenantTransactions.registerTenant(caller.tenantId())
                        .chain(() -> stored.save(caller.tenantId(),
                                new StoredTemplate(kind.name(), source.subject(), source.html(), source.text()))))
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
        return template.map(chosen -> {
            List<String> problems = templates.problems(chosen);
            if (!problems.isEmpty()) {
                throw new InvalidTemplateException(problems);
            }
            String unsubscribe = kind.transactional() ? null : "https://example.org/unsubscribe?token=sample";
            return templates.preview(chosen, EmailTemplates.Data.of(SAMPLE, unsubscribe));
        });
    }

    private EffectiveTemplate effective(EmailJob.Kind kind, StoredTemplate own) {
        return own == null ? new EffectiveTemplate(kind, false, templates.builtIn(kind))
                : new EffectiveTemplate(kind, true, new EmailTemplates.Source(own.subject(), own.html(), own.text()));
    }

    private static final EmailJob.ProjectPlan SAMPLE_PLAN = new EmailJob.ProjectPlan("The Salt Road",
            LocalDate.parse("2026-04-01"), List.of(new EmailJob.PlanPhase("Manuscript assessment",
                    LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-14"),
                    List.of(new EmailJob.PlanDeliverable("Editorial letter", LocalDate.parse("2026-04-14"))))));

    private static final EmailJob.ProposalSummary SAMPLE_PROPOSAL = new EmailJob.ProposalSummary(
            "Developmental edit of The Salt Road", "4,800.00", "EUR", Instant.parse("2026-03-31T22:00:00Z"),
            "https://app.quillspace.io/consultations/sample");

    private static final EmailJob.MeetingContext SAMPLE = new EmailJob.MeetingContext("Maria Lopez",
            "Manuscript consultation (45 min)", Instant.parse("2026-03-14T09:00:00Z"), Instant.parse("2026-03-14T09:45:00Z"),
            "Europe/Madrid", "https://calendly.com/cancellations/SAMPLE", "https://calendly.com/reschedulings/SAMPLE",
            new EmailJob.Location("zoom", null, "https://zoom.us/j/123456789"), Instant.parse("2026-03-12T16:00:00Z"),
            UUID.nameUUIDFromBytes("sample".getBytes()) + "@quillspace.email", 0, SAMPLE_PLAN, SAMPLE_PROPOSAL);
}
