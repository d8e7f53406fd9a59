package io.quillspace.email.sequence;

import io.quillspace.email.config.EmailConfig;
import io.quillspace.email.entity.BookingProjection;
import io.quillspace.email.entity.EmailJob;
import io.quillspace.email.repository.BookingProjectionRepository;
import io.quillspace.email.repository.EmailJobRepository;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Applies booking events: keeps email-service's own projection of each booking, which the dispatcher re-checks before
 * every send, and carries out {@link BookingPlanner}'s plan on the booking's jobs, at most one per booking and kind.
 * Events of one booking carry a sequence: one not newer than the projection's is a duplicate and changes nothing. A
 * new booking also releases the proposals that were waiting for it.
 */
@ApplicationScoped
public class BookingEventApplier {

    private static final Logger LOG = Logger.getLogger(BookingEventApplier.class);

    private final EmailJobRepository jobs;
    private final BookingProjectionRepository bookings;
    private final ProposalEventApplier proposals;
    private final QuietHours quietHours;
    private final Clock clock;

    public BookingEventApplier(EmailJobRepository jobs, BookingProjectionRepository bookings,
                               ProposalEventApplier proposals, EmailConfig config, Clock clock) {
        this.jobs = jobs;
        this.bookings = bookings;
        this.proposals = proposals;
        this.quietHours = QuietHours.of(config);
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
        return noShow(event, booking, event instanceof BookingEventV1.NoShowMarked, now);
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
            BookingPlanner.Plan plan = BookingPlanner.onCreated(replaced != null, event.startTime(), event.endTime(),
                    now, MeetingContexts.zoneOf(booking.context), quietHours);
            return retireOld.chain(() -> booking.<BookingProjection>persist())
                    .chain(() -> carryOut(booking, plan, now))
                    .chain(() -> proposals.releaseWaiting(booking, now));
        });
    }

    private Uni<Void> canceled(BookingEventV1.Canceled event, BookingProjection known, Instant now) {
        BookingProjection booking = known != null ? known : project(event.tenantId(), event.bookingId(), event.userId(),
                event.inviteeEmail(), MeetingContexts.of(event, calendarUid(event.bookingId()), 0), now);
        booking.status = BookingProjection.Status.CANCELED;
        booking.lastSequence = event.sequence();
        booking.calendarSequence++;
        booking.context = MeetingContexts.withCalendarSequence(booking.context, booking.calendarSequence);
        booking.updatedAt = now;
        return persistIfNew(booking, known)
                .chain(() -> carryOut(booking, BookingPlanner.onCanceled(booking.context.endTime(), now), now));
    }

    private Uni<Void> rescheduled(BookingEventV1.Rescheduled event, BookingProjection known, Instant now) {
        if (known == null) {
            // Nothing was ever scheduled for it here; remember it so that a late event cannot schedule anything.
            BookingProjection booking = project(event.tenantId(), event.bookingId(), event.userId(), event.inviteeEmail(),
                    MeetingContexts.unknownMeeting(event.inviteeName(), calendarUid(event.bookingId())), now);
            booking.status = BookingProjection.Status.RESCHEDULED;
            booking.lastSequence = event.sequence();
            return booking.persist().chain(() -> carryOut(booking, BookingPlanner.onRescheduled(), now));
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
        EmailJob.MeetingContext meeting = booking.context;
        return carryOut(booking, marked ? BookingPlanner.onNoShowMarked(meeting.endTime(), now)
                : BookingPlanner.onNoShowCleared(meeting.endTime(), now, MeetingContexts.zoneOf(meeting), quietHours), now);
    }

    private Uni<Void> retire(BookingProjection booking, Instant now) {
        booking.status = BookingProjection.Status.RESCHEDULED;
        booking.updatedAt = now;
        return carryOut(booking, BookingPlanner.onRescheduled(), now);
    }

    /**
     * Withdraws the plan's pending kinds, then schedules its steps: a kind the booking has no job of gets one, a
     * withdrawn one is brought back for the step's time, and one sent or still pending is left as it is.
     */
    private Uni<Void> carryOut(BookingProjection booking, BookingPlanner.Plan plan, Instant now) {
        Uni<Void> withdrawn = plan.withdraw().isEmpty() ? Uni.createFrom().voidItem()
                : jobs.cancelPending(booking.bookingId, plan.withdraw(), now).replaceWithVoid();
        if (plan.schedule().isEmpty()) {
            return withdrawn;
        }
        return withdrawn.chain(() -> jobs.kindsOf(booking.bookingId)).chain(existing -> {
            List<EmailJob> missing = plan.schedule().stream()
                    .filter(step -> !existing.contains(step.kind()))
                    .map(step -> EmailJobs.pending(booking.tenantId, booking.bookingId, booking.userId, booking.recipient,
                            booking.context, step, now))
                    .toList();
            Uni<Void> reopened = Multi.createFrom().iterable(plan.schedule())
                    .filter(step -> existing.contains(step.kind()))
                    .onItem().transformToUniAndConcatenate(step -> jobs.reopen(booking.bookingId, step.kind(), step.due(), now))
                    .collect().last().replaceWithVoid();
            return reopened.chain(() -> missing.isEmpty() ? Uni.createFrom().voidItem() : jobs.persist(missing));
        });
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
}
