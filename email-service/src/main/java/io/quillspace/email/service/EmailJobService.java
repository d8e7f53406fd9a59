package io.quillspace.email.service;

import io.quarkus.panache.common.Sort;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Turns booking events into scheduled email jobs, at most one per booking and kind. */
@ApplicationScoped
public class EmailJobService {

    private static final Logger LOG = Logger.getLogger(EmailJobService.class);

    private final EmailJobRepository jobs;

    public EmailJobService(EmailJobRepository jobs) {
        this.jobs = jobs;
    }

    public Uni<Void> schedule(BookingEventV1 event) {
        if (event instanceof BookingEventV1.Created created) {
            return scheduleConfirmation(created);
        }
        throw new IllegalArgumentException("unknown booking event " + event.getClass().getName());
    }

    /** The tenant's jobs, newest first. */
    public Uni<List<EmailJob>> list(TenantContext caller, int page, int size) {
        return TenantTransactions.inTenant(caller,
                () -> jobs.find("tenantId", Sort.by("createdAt", Sort.Direction.Descending).and("id"), caller.tenantId())
                        .page(page, size).list());
    }

    private Uni<Void> scheduleConfirmation(BookingEventV1.Created created) {
        return TenantTransactions.inTenant(TenantContext.service(created.tenantId()),
                () -> TenantTransactions.registerTenant(created.tenantId())
                        .chain(() -> jobs.existsFor(created.bookingId(), EmailJob.Kind.CONFIRMATION))
                        .chain(exists -> {
                            if (exists) {
                                LOG.infof("event %s: confirmation of booking %s already scheduled", created.eventId(),
                                        created.bookingId());
                                return Uni.createFrom().voidItem();
                            }
                            return confirmationJob(created).persist()
                                    .invoke(job -> LOG.infof("event %s: confirmation of booking %s scheduled",
                                            created.eventId(), created.bookingId()))
                                    .replaceWithVoid();
                        }));
    }

    private static EmailJob confirmationJob(BookingEventV1.Created created) {
        EmailJob job = new EmailJob();
        job.id = UUID.randomUUID();
        job.tenantId = created.tenantId();
        job.bookingId = created.bookingId();
        job.userId = created.userId();
        job.kind = EmailJob.Kind.CONFIRMATION;
        job.status = EmailJob.Status.PENDING;
        job.recipient = created.inviteeEmail();
        job.context = new EmailJob.MeetingContext(created.inviteeName(), created.eventName(), created.startTime(),
                created.endTime(), created.inviteeTimeZone(), created.cancelUrl(), created.rescheduleUrl());
        job.scheduledFor = Instant.now();
        job.createdAt = Instant.now();
        return job;
    }
}
