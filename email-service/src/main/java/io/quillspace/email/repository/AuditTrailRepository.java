package io.quillspace.email.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.email.entity.EmailJobHistoryEntry;
import io.quillspace.email.entity.EmailTemplateHistoryEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The bound tenant's audit trails (V9's triggers write them), oldest entry first. */
@ApplicationScoped
public class AuditTrailRepository {

    public Uni<List<EmailJobHistoryEntry>> ofJob(UUID jobId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "from EmailJobHistoryEntry where jobId = :job order by id", EmailJobHistoryEntry.class)
                .setParameter("job", jobId)
                .getResultList());
    }

    public Uni<List<EmailTemplateHistoryEntry>> ofTemplate(String kind) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "from EmailTemplateHistoryEntry where kind = :kind order by id", EmailTemplateHistoryEntry.class)
                .setParameter("kind", kind)
                .getResultList());
    }
}
