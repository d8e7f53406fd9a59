package io.quillspace.email.sequence;

import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.shared.events.ProjectEventV1;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Applies project events: a kickoff email once per booking, a delivery email once per file, however often the event
 * arrives (see {@link ProjectPlanner}).
 */
@ApplicationScoped
public class ProjectEventApplier {

    private static final Logger LOG = Logger.getLogger(ProjectEventApplier.class);

    private final EmailJobRepository jobs;
    private final Clock clock;

    public ProjectEventApplier(EmailJobRepository jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    public Uni<RecordOutcome> apply(ProjectEventV1 event) {
        Instant now = clock.instant();
        var planned = ProjectPlanner.onEvent(event, now);
        if (planned.isEmpty()) {
            return Uni.createFrom().item(RecordOutcome.IGNORED);
        }
        ProjectPlanner.Mail mail = planned.get();
        var job = mail.step().pendingJob(mail.tenantId(), mail.bookingId(), mail.userId(), mail.recipient(),
                mail.context(), now);
        job.subjectId = mail.subjectId();
        return TenantTransactions.inTenant(TenantContext.service(mail.tenantId()),
                        () -> TenantTransactions.registerTenant(mail.tenantId()).chain(() -> jobs.addIfAbsent(job)))
                .map(added -> added ? RecordOutcome.APPLIED : RecordOutcome.DUPLICATE)
                .invoke(outcome -> LOG.infof("%s event %s of project %s: %s", event.type(), event.eventId(),
                        event.projectId(), outcome.tag()));
    }
}
