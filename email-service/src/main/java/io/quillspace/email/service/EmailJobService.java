package io.quillspace.email.service;

import io.quillspace.email.config.EmailConfig;
import io.quillspace.email.entity.BookingProjection;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.BookingProjectionRepository;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.ProjectEventV1;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.messaging.UnprocessableEventException;
import io.quillspace.shared.messaging.FailureClassifier;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns booking events into the booking's emails, at most one per booking and kind, and keeps email-service's own
 * projection of each booking, which the dispatcher re-checks before every send. Events of one booking carry a
 * sequence: one not newer than the projection's is a duplicate and changes nothing.
 */
@ApplicationScoped
public class EmailJobService {

    private static final Logger LOG = Logger.getLogger(EmailJobService.class);
    private static final List<EmailJob.Kind> EVERY_KIND = List.of(EmailJob.Kind.values());

    /**
     * How the event consumers tell permanent from transient failures: a concurrent duplicate may hit the one-job-per-
     * kind key or the projection's key, and its retry then finds what the first one wrote.
     */
    public static final FailureClassifier FAILURES = new FailureClassifier(
            Set.of(EmailJobRepository.ONE_PER_KIND, "booking_projection_pkey"));

    private final EmailJobRepository jobs;
    private final BookingProjectionRepository bookings;
    private final QuietHours quietHours;
    private final String appUrl;
    private final Clock clock;

    public EmailJobService(EmailJobRepository jobs, BookingProjectionRepository bookings, EmailConfig config,
                           Clock clock) {
        this.jobs = jobs;
        this.bookings = bookings;
        this.quietHours = new QuietHours(config.quietHours().start(), config.quietHours().end());
        this.appUrl = config.appUrl();
        this.clock = clock;
    }

    public Uni<RecordOutcome> apply(BookingEventV1 event) {
        return TenantTransactions.inTenant(TenantContext.service(event.tenantId()),
                () -> TenantTransactions.registerTenant(event.tenantId())
                        .chain(() -> bookings.lock(event.bookingId()))
                        .chain(booking -> {
                            if (booking != null && booking.lastSequence >= event.sequence()) {
                                return Uni.createFrom().item(RecordOutcome.DUPLICATE);
                            }
                            return applyNew(event, booking).replaceWith(RecordOutcome.APPLIED);
                        }))
                .invoke(outcome -> LOG.infof("%s event %s of booking %s: %s", event.type(), event.eventId(),
                        event.bookingId(), outcome.tag()));
    }

    private Uni<Void> applyNew(BookingEventV1 event, BookingProjection booking) {
        Instant now = clock.instant();
        if (event instanceof BookingEventV1.Created created) {
            return created(created, now);
        }
        if (event instanceof BookingEventV1.Canceled canceled) {
            return canceled(canceled, booking, now);
        }
        if (event instanceof BookingEventV1.Rescheduled rescheduled) {
            return rescheduled(rescheduled, booking, now);
        }
        boolean marked = event instanceof BookingEventV1.NoShowMarked;
        return noShow(event, booking, marked, now);
    }

    /** A new booking gets its sequence; the new half of a reschedule also retires the old booking's emails. */
    private Uni<Void> created(BookingEventV1.Created event, Instant now) {
        UUID replaced = event.rescheduledFromBookingId();
        Uni<BookingProjection> previous = replaced == null ? Uni.createFrom().nullItem() : bookings.lock(replaced);
        return previous.chain(old -> {
            BookingProjection booking = new BookingProjection();
            booking.bookingId = event.bookingId();
            booking.tenantId = event.tenantId();
            booking.userId = event.userId();
            booking.status = BookingProjection.Status.SCHEDULED;
            booking.lastSequence = event.sequence();
            booking.recipient = event.inviteeEmail();
            // A moved meeting keeps its calendar entry: the invitation updates it instead of adding a second one.
            booking.calendarUid = old == null ? calendarUid(event.bookingId()) : old.calendarUid;
            booking.calendarSequence = old == null ? 0 : old.calendarSequence + 1;
            booking.context = MeetingContexts.of(event, old == null ? null : old.context.startTime(),
                    booking.calendarUid, booking.calendarSequence);
            booking.updatedAt = now;
            Uni<Void> retireOld = old == null ? Uni.createFrom().voidItem() : retire(old, now);
            ZoneId zone = ZoneId.of(booking.context.inviteeTimeZone());
            List<EmailSequence.Step> steps = EmailSequence.forBooking(replaced != null, event.startTime(),
                    event.endTime(), now, zone, quietHours);
            return retireOld.chain(() -> booking.<BookingProjection>persist())
                    .chain(() -> addAll(booking, steps, now));
        });
    }

    /** One cancellation email, and nothing else still pending goes out. */
    private Uni<Void> canceled(BookingEventV1.Canceled event, BookingProjection known, Instant now) {
        BookingProjection booking = known != null ? known : project(event.tenantId(), event.bookingId(), event.userId(),
                event.inviteeEmail(), MeetingContexts.of(event, calendarUid(event.bookingId()), 0), now);
        booking.status = BookingProjection.Status.CANCELED;
        booking.lastSequence = event.sequence();
        booking.calendarSequence++;
        booking.context = MeetingContexts.withCalendarSequence(booking.context, booking.calendarSequence);
        booking.updatedAt = now;
        return persistIfNew(booking, known)
                .chain(() -> jobs.cancelPending(booking.bookingId, EVERY_KIND, now))
                .chain(() -> addAll(booking, List.of(new EmailSequence.Step(EmailJob.Kind.CANCELLATION, now)), now));
    }

    /** The old half of a reschedule: its emails stop; the client hears of the move from the new booking's email. */
    private Uni<Void> rescheduled(BookingEventV1.Rescheduled event, BookingProjection known, Instant now) {
        if (known == null) {
            // Nothing was ever scheduled for it here; remember it so that a late event cannot schedule anything.
            BookingProjection booking = project(event.tenantId(), event.bookingId(), event.userId(), event.inviteeEmail(),
                    MeetingContexts.unknownMeeting(event.inviteeName(), calendarUid(event.bookingId())), now);
            booking.status = BookingProjection.Status.RESCHEDULED;
            booking.lastSequence = event.sequence();
            return booking.persist().chain(() -> jobs.cancelPending(booking.bookingId, EVERY_KIND, now)).replaceWithVoid();
        }
        known.lastSequence = event.sequence();
        return retire(known, now);
    }

    private Uni<Void> noShow(BookingEventV1 event, BookingProjection booking, boolean marked, Instant now) {
        if (booking == null) {
            LOG.infof("%s for booking %s, which this service has not seen: no email to change", event.type(),
                    event.bookingId());
            return Uni.createFrom().voidItem();
        }
        booking.noShow = marked;
        booking.lastSequence = event.sequence();
        booking.updatedAt = now;
        if (marked) {
            return jobs.cancelPending(booking.bookingId, List.of(EmailJob.Kind.FOLLOW_UP), now)
                    .chain(() -> jobs.reopen(booking.bookingId, EmailJob.Kind.NO_SHOW, now, now))
                    .chain(reopened -> reopened ? Uni.createFrom().voidItem()
                            : addAll(booking, List.of(new EmailSequence.Step(EmailJob.Kind.NO_SHOW, now)), now));
        }
        ZoneId zone = ZoneId.of(booking.context.inviteeTimeZone());
        Uni<Void> followUpBack = EmailSequence.followUp(booking.context.endTime(), now, zone, quietHours)
                .map(step -> jobs.reopen(booking.bookingId, EmailJob.Kind.FOLLOW_UP, step.due(), now).replaceWithVoid())
                .orElseGet(() -> Uni.createFrom().voidItem());
        return jobs.cancelPending(booking.bookingId, List.of(EmailJob.Kind.NO_SHOW), now).chain(() -> followUpBack);
    }

    private Uni<Void> retire(BookingProjection booking, Instant now) {
        booking.status = BookingProjection.Status.RESCHEDULED;
        booking.updatedAt = now;
        return jobs.cancelPending(booking.bookingId, EVERY_KIND, now).replaceWithVoid();
    }

    /** Adds the steps' jobs the booking does not have yet, in one round trip to find them and one batch to add them. */
    private Uni<Void> addAll(BookingProjection booking, List<EmailSequence.Step> steps, Instant now) {
        return jobs.kindsOf(booking.bookingId).chain(existing -> {
            List<EmailJob> missing = steps.stream()
                    .filter(step -> !existing.contains(step.kind()))
                    .map(step -> job(booking, step, now))
                    .toList();
            return missing.isEmpty() ? Uni.createFrom().voidItem() : jobs.persist(missing);
        });
    }

    private static EmailJob job(BookingProjection booking, EmailSequence.Step step, Instant now) {
        EmailJob job = new EmailJob();
        job.id = UUID.randomUUID();
        job.tenantId = booking.tenantId;
        job.bookingId = booking.bookingId;
        job.userId = booking.userId;
        job.kind = step.kind();
        job.status = EmailJob.Status.PENDING;
        job.recipient = booking.recipient;
        job.context = booking.context;
        job.scheduledFor = step.due();
        job.messageId = EmailJob.messageIdFor(job.id);
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }

    private static BookingProjection project(UUID tenantId, UUID bookingId, UUID userId, String recipient,
                                             EmailJob.MeetingContext context, Instant now) {
        BookingProjection booking = new BookingProjection();
        booking.bookingId = bookingId;
        booking.tenantId = tenantId;
        booking.userId = userId;
        booking.recipient = recipient;
        booking.context = context;
        booking.calendarUid = context.calendarUid();
        booking.updatedAt = now;
        return booking;
    }

    private static Uni<Void> persistIfNew(BookingProjection booking, BookingProjection known) {
        return known == null ? booking.persist().replaceWithVoid() : Uni.createFrom().voidItem();
    }

    private static String calendarUid(UUID bookingId) {
        return bookingId + "@quillspace.email";
    }

    /**
     * A sent proposal's email, once per proposal, to the booking's client as the projection knows them; the other
     * brief and proposal events do not change the emails and are ignored, and counted as such.
     */
    public Uni<RecordOutcome> apply(ProposalEventV1 event) {
        if (!(event instanceof ProposalEventV1.ProposalSent sent)) {
            return Uni.createFrom().item(RecordOutcome.IGNORED);
        }
        Instant now = clock.instant();
        return TenantTransactions.inTenant(TenantContext.service(sent.tenantId()),
                        () -> TenantTransactions.registerTenant(sent.tenantId())
                                .chain(() -> bookings.findById(sent.bookingId()))
                                .chain(booking -> {
                                    if (booking == null) {
                                        throw new UnprocessableEventException("proposal " + sent.proposalId()
                                                + " of booking " + sent.bookingId() + ", which this service has not seen:"
                                                + " no recipient; replay it once the booking's events are in");
                                    }
                                    EmailJob job = job(booking, new EmailSequence.Step(EmailJob.Kind.PROPOSAL_SENT, now), now);
                                    job.subjectId = sent.proposalId();
                                    job.context = MeetingContexts.withProposal(booking.context, new EmailJob.ProposalSummary(
                                            sent.title(), sent.price() == null ? null : String.format(java.util.Locale.ENGLISH,
                                                    "%,.2f", sent.price()), sent.currency(), sent.validUntil(),
                                            appUrl + "/consultations/" + sent.bookingId() + "/proposals/" + sent.proposalId()));
                                    return jobs.addIfAbsent(job);
                                }))
                .map(added -> added ? RecordOutcome.APPLIED : RecordOutcome.DUPLICATE)
                .invoke(outcome -> LOG.infof("%s event %s of booking %s: %s", event.type(), event.eventId(),
                        event.bookingId(), outcome.tag()));
    }

    /** A project's kickoff email, once per booking however often the event arrives; later project changes send none. */
    public Uni<RecordOutcome> apply(ProjectEventV1 event) {
        if (!(event instanceof ProjectEventV1.KickedOff kickoff)) {
            return Uni.createFrom().item(RecordOutcome.IGNORED);
        }
        Instant now = clock.instant();
        EmailJob job = new EmailJob();
        job.id = UUID.randomUUID();
        job.tenantId = kickoff.tenantId();
        job.bookingId = kickoff.bookingId();
        job.userId = kickoff.userId();
        job.kind = EmailJob.Kind.KICKOFF;
        job.status = EmailJob.Status.PENDING;
        job.recipient = kickoff.clientEmail();
        job.context = MeetingContexts.of(kickoff);
        job.scheduledFor = now;
        job.messageId = EmailJob.messageIdFor(job.id);
        job.createdAt = now;
        job.updatedAt = now;
        return TenantTransactions.inTenant(TenantContext.service(kickoff.tenantId()),
                        () -> TenantTransactions.registerTenant(kickoff.tenantId()).chain(() -> jobs.addIfAbsent(job)))
                .map(added -> added ? RecordOutcome.APPLIED : RecordOutcome.DUPLICATE)
                .invoke(outcome -> LOG.infof("%s event %s of project %s: %s", event.type(), event.eventId(),
                        event.projectId(), outcome.tag()));
    }

    /** The tenant's jobs, newest first, optionally of one booking and in one status. */
    public Uni<List<EmailJob>> list(TenantContext caller, UUID bookingId, EmailJob.Status status, int page, int size) {
        return TenantTransactions.inTenant(caller, () -> jobs.list(caller.tenantId(), bookingId, status, page, size));
    }

    /** What an admin's retry of a job found. */
    public enum RetryResult { RETRIED, NOT_FOUND, NOT_FAILED }

    /** Makes a FAILED job pending again, due now, with its attempts reset. */
    public Uni<RetryResult> retry(TenantContext caller, UUID jobId) {
        Instant now = clock.instant();
        return TenantTransactions.inTenant(caller, () -> jobs.findById(jobId).map(job -> {
            if (job == null) {
                return RetryResult.NOT_FOUND;
            }
            if (job.status != EmailJob.Status.FAILED) {
                return RetryResult.NOT_FAILED;
            }
            job.status = EmailJob.Status.PENDING;
            job.attempts = 0;
            job.scheduledFor = now;
            job.lockedUntil = null;
            job.updatedAt = now;
            return RetryResult.RETRIED;
        }));
    }
}
