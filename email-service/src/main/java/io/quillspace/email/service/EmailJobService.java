package io.quillspace.email.service;

import io.quarkus.panache.common.Sort;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.messaging.RecordOutcome;
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

    /**
     * Applies a booking event to the booking's jobs: a new booking gets its confirmation; a canceled or moved one loses
     * every job not yet sent (the new booking of a reschedule gets its own from its {@code booking.created}). No-show
     * marks do not change the emails yet: they are ignored, and counted as such.
     */
    public Uni<RecordOutcome> apply(BookingEventV1 event) {
        if (event instanceof BookingEventV1.Created created) {
            return scheduleConfirmation(created);
        }
        if (event instanceof BookingEventV1.Canceled || event instanceof BookingEventV1.Rescheduled) {
            return cancelPending(event);
        }
        return Uni.createFrom().item(RecordOutcome.IGNORED);
    }

    /** The tenant's jobs, newest first. */
    public Uni<List<EmailJob>> list(TenantContext caller, int page, int size) {
        return TenantTransactions.inTenant(caller,
                () -> jobs.find("tenantId", Sort.by("createdAt", Sort.Direction.Descending).and("id"), caller.tenantId())
                        .page(page, size).list());
    }

    private Uni<RecordOutcome> scheduleConfirmation(BookingEventV1.Created created) {
        return TenantTransactions.inTenant(TenantContext.service(created.tenantId()),
                () -> TenantTransactions.registerTenant(created.tenantId())
                        .chain(() -> jobs.existsFor(created.bookingId(), EmailJob.Kind.CONFIRMATION))
                        .chain(exists -> {
                            if (exists) {
                                LOG.infof("event %s: confirmation of booking %s already scheduled", created.eventId(),
                                        created.bookingId());
                                return Uni.createFrom().item(RecordOutcome.DUPLICATE);
                            }
                            return confirmationJob(created).persist()
                                    .invoke(job -> LOG.infof("event %s: confirmation of booking %s scheduled",
                                            created.eventId(), created.bookingId()))
                                    .replaceWith(RecordOutcome.APPLIED);
                        }));
    }

    /** A canceled or moved booking: nothing still pending is sent (the dispatcher sends PENDING jobs only). */
    private Uni<RecordOutcome> cancelPending(BookingEventV1 event) {
        return TenantTransactions.inTenant(TenantContext.service(event.tenantId()),
                () -> TenantTransactions.registerTenant(event.tenantId())
                        .chain(() -> jobs.cancelPending(event.bookingId()))
                        .invoke(cancelled -> LOG.infof("event %s (%s): %d pending email(s) of booking %s cancelled",
                                event.eventId(), event.type(), cancelled, event.bookingId()))
                        .replaceWith(RecordOutcome.APPLIED));
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
