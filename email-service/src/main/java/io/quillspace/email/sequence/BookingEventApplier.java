package io.quillspace.email.sequence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quillspace.email.config.EmailConfig;
import io.quillspace.email.entity.BookingProjection;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.entity.WaitingProposal;
import io.quillspace.email.repository.BookingProjectionRepository;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.email.repository.WaitingProposalRepository;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.messaging.RecordProcessor;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies booking events: keeps email-service's own projection of each booking, which the dispatcher re-checks before
 * every send, and carries out {@link BookingPlanner}'s plan on the booking's jobs, at most one per booking and kind.
 * Events of one booking carry a sequence: one not newer than the projection's is a duplicate and changes nothing. A
 * new booking also releases the proposals that were waiting for it.
 *
 * <p>A tenant's share of a batch is applied in one transaction: its projections, jobs and waiting proposals are read
 * and locked with one statement each, the events are applied in order to that state in memory (so a booking's events
 * fold into its final rows), and the changed and new rows are written in statement batches when it commits.
 */
@ApplicationScoped
public class BookingEventApplier {

    private static final Logger LOG = Logger.getLogger(BookingEventApplier.class);
    /** Rows of one kind written per round trip; a share's rows rarely exceed a poll's 500 records times a few jobs. */
    private static final int STATEMENT_BATCH = 500;

    private final EmailJobRepository jobs;
    private final BookingProjectionRepository bookings;
    private final WaitingProposalRepository waiting;
    private final ProposalEventApplier proposals;
    private final QuietHours quietHours;
    private final Clock clock;

    public BookingEventApplier(EmailJobRepository jobs, BookingProjectionRepository bookings,
                               WaitingProposalRepository waiting, ProposalEventApplier proposals, EmailConfig config,
                               Clock clock) {
        this.jobs = jobs;
        this.bookings = bookings;
        this.waiting = waiting;
        this.proposals = proposals;
        this.quietHours = QuietHours.of(config);
        this.clock = clock;
    }

    /** {@link RecordProcessor.TenantShare}: one outcome per event, in order, once the share is committed. */
    public Uni<List<RecordOutcome>> applyShare(UUID tenantId, List<RecordProcessor.Batched<BookingEventV1>> records) {
        List<BookingEventV1> events = records.stream().map(RecordProcessor.Batched::record).toList();
        Set<UUID> touched = new LinkedHashSet<>();
        Set<UUID> created = new LinkedHashSet<>();
        for (BookingEventV1 event : events) {
            touched.add(event.bookingId());
            if (event instanceof BookingEventV1.Created booked) {
                created.add(booked.bookingId());
                if (booked.rescheduledFromBookingId() != null) {
                    touched.add(booked.rescheduledFromBookingId());
                }
            }
        }
        return TenantTransactions.inTenant(TenantContext.service(tenantId),
                        () -> TenantTransactions.registerTenant(tenantId)
                                .chain(() -> Panache.getSession().invoke(session -> session.setBatchSize(STATEMENT_BATCH)))
                                .chain(() -> bookings.lockAll(touched))
                                .chain(found -> jobs.lockOfBookings(touched).chain(existing -> (created.isEmpty()
                                                ? Uni.createFrom().item(List.<WaitingProposal>of())
                                                : waiting.lockOfBookings(created))
                                        .map(parked -> new Share(found, existing, parked, clock.instant()))))
                                .chain(share -> {
                                    List<RecordOutcome> outcomes = events.stream().map(share::apply).toList();
                                    return share.write().replaceWith(outcomes);
                                }))
                .invoke(outcomes -> {
                    for (int i = 0; i < events.size(); i++) {
                        BookingEventV1 event = events.get(i);
                        LOG.infof("%s event %s of booking %s: %s", event.type(), event.eventId(), event.bookingId(),
                                outcomes.get(i).tag());
                    }
                });
    }

    /** A share's rows as the events leave them; rows read from the database are managed, so their changes are flushed. */
    private final class Share {

        private final Instant now;
        private final Map<UUID, BookingProjection> projections = new HashMap<>();
        private final Map<UUID, List<EmailJob>> jobsByBooking = new HashMap<>();
        private final Map<UUID, List<WaitingProposal>> parked = new HashMap<>();
        private final List<BookingProjection> newProjections = new ArrayList<>();
        private final List<EmailJob> newJobs = new ArrayList<>();
        private final List<WaitingProposal> released = new ArrayList<>();

        Share(List<BookingProjection> found, List<EmailJob> existing, List<WaitingProposal> waitingProposals,
              Instant now) {
            this.now = now;
            found.forEach(booking -> projections.put(booking.bookingId, booking));
            existing.forEach(job -> jobsOf(job.bookingId).add(job));
            waitingProposals.forEach(proposal -> parked.computeIfAbsent(proposal.bookingId, id -> new ArrayList<>())
                    .add(proposal));
        }

        RecordOutcome apply(BookingEventV1 event) {
            BookingProjection booking = projections.get(event.bookingId());
            if (booking != null && booking.lastSequence >= event.sequence()) {
                return RecordOutcome.DUPLICATE;
            }
            if (event instanceof BookingEventV1.Created booked) {
                created(booked, booking);
            } else if (event instanceof BookingEventV1.Canceled canceled) {
                canceled(canceled, booking);
            } else if (event instanceof BookingEventV1.Rescheduled rescheduled) {
                rescheduled(rescheduled, booking);
            } else {
                noShow(event, booking, event instanceof BookingEventV1.NoShowMarked);
            }
            return RecordOutcome.APPLIED;
        }

        /** Inserts the new rows and deletes the released proposals; the managed rows' changes go with the commit. */
        Uni<Void> write() {
            Uni<Void> written = newProjections.isEmpty() ? Uni.createFrom().voidItem() : bookings.persist(newProjections);
            return written.chain(() -> newJobs.isEmpty() ? Uni.createFrom().voidItem() : jobs.persist(newJobs))
                    .chain(() -> released.isEmpty() ? Uni.createFrom().voidItem()
                            : waiting.delete("eventId in ?1", released.stream().map(proposal -> proposal.eventId).toList())
                            .replaceWithVoid());
        }

        /** A new booking gets its sequence; the new half of a reschedule also retires the old booking's emails. */
        private void created(BookingEventV1.Created event, BookingProjection known) {
            UUID replaced = event.rescheduledFromBookingId();
            BookingProjection old = replaced == null ? null : projections.get(replaced);
            BookingProjection booking = known != null ? known : new BookingProjection();
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
            if (known == null) {
                adopt(booking);
            }
            if (old != null) {
                retire(old);
            }
            carryOut(booking, BookingPlanner.onCreated(replaced != null, event.startTime(), event.endTime(), now,
                    MeetingContexts.zoneOf(booking.context), quietHours));
            releaseWaiting(booking);
        }

        private void canceled(BookingEventV1.Canceled event, BookingProjection known) {
            BookingProjection booking = known != null ? known : adopt(project(event.tenantId(), event.bookingId(),
                    event.userId(), event.inviteeEmail(), MeetingContexts.of(event, calendarUid(event.bookingId()), 0)));
            booking.status = BookingProjection.Status.CANCELED;
            booking.lastSequence = event.sequence();
            booking.calendarSequence++;
            booking.context = MeetingContexts.withCalendarSequence(booking.context, booking.calendarSequence);
            booking.updatedAt = now;
            carryOut(booking, BookingPlanner.onCanceled(booking.context.endTime(), now));
        }

        private void rescheduled(BookingEventV1.Rescheduled event, BookingProjection known) {
            if (known == null) {
                // Nothing was ever scheduled for it here; remember it so that a late event cannot schedule anything.
                BookingProjection booking = adopt(project(event.tenantId(), event.bookingId(), event.userId(),
                        event.inviteeEmail(), MeetingContexts.unknownMeeting(event.inviteeName(),
                                calendarUid(event.bookingId()))));
                booking.status = BookingProjection.Status.RESCHEDULED;
                booking.lastSequence = event.sequence();
                carryOut(booking, BookingPlanner.onRescheduled());
                return;
            }
            known.lastSequence = event.sequence();
            retire(known);
        }

        private void noShow(BookingEventV1 event, BookingProjection booking, boolean marked) {
            if (booking == null) {
                LOG.infof("%s for booking %s, which this service has not seen: no email to change", event.type(),
                        event.bookingId());
                return;
            }
            booking.noShow = marked;
            booking.lastSequence = event.sequence();
            booking.updatedAt = now;
            EmailJob.MeetingContext meeting = booking.context;
            carryOut(booking, marked ? BookingPlanner.onNoShowMarked(meeting.endTime(), now)
                    : BookingPlanner.onNoShowCleared(meeting.endTime(), now, MeetingContexts.zoneOf(meeting), quietHours));
        }

        private void retire(BookingProjection booking) {
            booking.status = BookingProjection.Status.RESCHEDULED;
            booking.updatedAt = now;
            carryOut(booking, BookingPlanner.onRescheduled());
        }

        /**
         * Withdraws the plan's pending kinds, then schedules its steps: a kind the booking has no job of gets one, a
         * withdrawn one is brought back for the step's time, and one sent or still pending is left as it is.
         */
        private void carryOut(BookingProjection booking, BookingPlanner.Plan plan) {
            List<EmailJob> ofBooking = jobsOf(booking.bookingId);
            for (EmailJob job : ofBooking) {
                if (job.status == EmailJob.Status.PENDING && plan.withdraw().contains(job.kind)) {
                    job.status = EmailJob.Status.CANCELLED;
                    job.updatedAt = now;
                }
            }
            for (EmailSequence.Step step : plan.schedule()) {
                List<EmailJob> ofKind = ofBooking.stream().filter(job -> job.kind == step.kind()).toList();
                if (ofKind.stream().noneMatch(job -> job.subjectId == null)) {
                    add(step.pendingJob(booking.tenantId, booking.bookingId, booking.userId, booking.recipient,
                            booking.context, now));
                    continue;
                }
                for (EmailJob job : ofKind) {
                    if (job.status == EmailJob.Status.CANCELLED) {
                        job.status = EmailJob.Status.PENDING;
                        job.scheduledFor = step.due();
                        job.updatedAt = now;
                    }
                }
            }
        }

        /** Announces the proposals that waited for this booking, once each, and stops their wait. */
        private void releaseWaiting(BookingProjection booking) {
            List<WaitingProposal> found = parked.remove(booking.bookingId);
            if (found == null) {
                return;
            }
            for (WaitingProposal proposal : found) {
                var sent = ProposalEventApplier.sentOf(proposal);
                boolean announced = jobsOf(booking.bookingId).stream()
                        .anyMatch(job -> job.kind == EmailJob.Kind.PROPOSAL_SENT && sent.proposalId().equals(job.subjectId));
                if (!announced) {
                    add(proposals.announcement(booking, sent, now));
                }
                released.add(proposal);
                LOG.infof("proposal %s waited %s for booking %s, announced", sent.proposalId(),
                        Duration.between(proposal.receivedAt, now), booking.bookingId);
            }
        }

        private void add(EmailJob job) {
            jobsOf(job.bookingId).add(job);
            newJobs.add(job);
        }

        private List<EmailJob> jobsOf(UUID bookingId) {
            return jobsByBooking.computeIfAbsent(bookingId, id -> new ArrayList<>());
        }

        /** A projection this share creates: later events of the batch find it, and it is inserted on write. */
        private BookingProjection adopt(BookingProjection booking) {
            projections.put(booking.bookingId, booking);
            newProjections.add(booking);
            return booking;
        }

        private BookingProjection project(UUID tenantId, UUID bookingId, UUID userId, String recipient,
                                          EmailJob.MeetingContext context) {
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
    }

    private static String calendarUid(UUID bookingId) {
        return bookingId + "@quillspace.email";
    }
}
