package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The bound tenant's own email templates, by kind. */
@ApplicationScoped
public class EmailTemplateRepository {

    /** A studio's wording of one email kind. */
    public record StoredTemplate(String kind, String subject, String html, String text) {
    }

    public Uni<List<StoredTemplate>> all() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select kind, subject, html, text from email_templates order by kind", Object[].class)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new StoredTemplate((String) row[0], (String) row[1], (String) row[2], (String) row[3]))
                        .toList());
    }

    public Uni<Void> save(UUID tenantId, StoredTemplate template) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into email_templates (tenant_id, kind, subject, html, text) values (:tenant, :kind, :subject, :html, :text)
                        on conflict (tenant_id, kind) do update
                        set subject = excluded.subject, html = excluded.html, text = excluded.text, updated_at = now()""")
                        .setParameter("tenant", tenantId)
                        .setParameter("kind", template.kind())
                        .setParameter("subject", template.subject())
                        .setParameter("html", template.html())
                        .setParameter("text", template.text())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Removes the studio's wording of the kind; false if it had none. */
    public Uni<Boolean> delete(String kind) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from email_templates where kind = :kind")
                .setParameter("kind", kind)
                .executeUpdate())
                .map(deleted -> deleted > 0);
    }
}
