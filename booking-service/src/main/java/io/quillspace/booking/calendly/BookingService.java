package io.quillspace.booking.calendly;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BookingHistoryEntry;
import io.quillspace.booking.repository.BookingHistoryRepository;
import io.quillspace.booking.repository.BookingRepository;
import io.quillspace.booking.repository.ProjectBriefRepository;
import io.quillspace.booking.repository.ProposalRepository;
import io.quillspace.booking.repository.UserRepository;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.messaging.FailureClassifier;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.messaging.RecordProcessor;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies verified Calendly deliveries to the tenant's bookings, a tenant's share of a batch in one transaction that
 * checks the delivery log (a redelivery changes nothing), makes each lifecycle step ({@link BookingLifecycle}),
 * appends it to the booking's history and raises its event into the outbox.
 */
@ApplicationScoped
public class BookingService {

    private static final Logger LOG = Logger.getLogger(BookingService.class);

    /**
     * How the delivery consumer tells permanent from transient failures: the unique keys that a concurrent duplicate
     * of a delivery may hit are retried (the retry finds the duplicate), every other constraint violation is permanent.
     */
    public static final FailureClassifier FAILURES = new FailureClassifier(Set.of(DeliveryLogRepository.UNIQUE_DELIVERY,
            NoShowRepository.UNIQUE_MARK, "bookings_invitee_per_tenant", "consultation_bookings_pkey",
            "users_email_per_tenant"));

    private final CalendlyChanges changes;
    private final BookingRepository bookings;
    private final BookingHistoryRepository history;
    private final UserRepository users;
    private final DeliveryLogRepository deliveryLog;
    private final NoShowRepository noShows;
    private final ProjectBriefRepository briefs;
    private final ProposalRepository proposals;
    private final Clock clock;

    public BookingService(CalendlyChanges changes, BookingRepository bookings, BookingHistoryRepository history,
                          UserRepository users, DeliveryLogRepository deliveryLog, NoShowRepository noShows,
                          ProjectBriefRepository briefs, ProposalRepository proposals, Clock clock) {
        this.clock = clock;
        this.changes = changes;
        this.bookings = bookings;
        this.history = history;
        this.users = users;
        this.deliveryLog = deliveryLog;
        this.noShows = noShows;
        this.briefs = briefs;
        this.proposals = proposals;
    }

    /**
     * Applies one tenant's share of a batch of deliveries in one transaction, in their order, and completes with one
     * outcome per delivery once committed. The delivery log is read and written once for the share; a delivery
     * already logged, or repeated within the share, is a duplicate. A delivery that cannot be read or applied fails
     * the whole share (rolled back), which the consumer then applies delivery by delivery.
     */
    public Uni<List<RecordOutcome>> applyShare(UUID tenantId, List<RecordProcessor.Batched<CalendlyDeliveryV1>> deliveries) {
        List<CalendlyChange> read = deliveries.stream().map(delivery -> changes.read(delivery.record())).toList();
        return TenantTransactions.inTenant(TenantContext.service(tenantId),
                () -> TenantTransactions.registerTenant(tenantId)
                        .chain(() -> deliveryLog.processedAmong(read.stream().map(c -> c.source().deliveryId()).toList()))
                        .chain(processed -> {
                            Set<UUID> seen = new HashSet<>(processed);
                            List<RecordOutcome> outcomes = new ArrayList<>();
                            List<DeliveryLogRepository.Entry> logged = new ArrayList<>();
                            return Multi.createFrom().range(0, read.size())
                                    .onItem().transformToUniAndConcatenate(i -> deliveries.get(i).within(() -> {
                                        CalendlyChange change = read.get(i);
                                        CalendlyChange.Source source = change.source();
                                        Uni<RecordOutcome> outcome = seen.add(source.deliveryId())
                                                ? applyChange(change).invoke(applied -> logged.add(new DeliveryLogRepository
                                                        .Entry(source.deliveryId(), source.event(), applied)))
                                                : Uni.createFrom().item(RecordOutcome.DUPLICATE);
                                        return outcome.invoke(done -> logOutcome(change, done));
                                    }))
                                    .invoke(outcomes::add)
                                    .collect().last()
                                    .chain(() -> deliveryLog.recordAll(tenantId, logged))
                                    .replaceWith(outcomes);
                        }));
    }

    /** One line per delivery, with its delivery and booking as fields beside the tenant the consumer set. */
    private static void logOutcome(CalendlyChange change, RecordOutcome outcome) {
        CalendlyChange.Source source = change.source();
        MDC.put("deliveryId", source.deliveryId().toString());
        MDC.put("bookingId", Booking.idFor(source.tenantId(), inviteeOf(change)).toString());
        LOG.infof("%s delivery %s for tenant %s: %s", source.event(), source.deliveryId(), source.tenantId(), outcome.tag());
        MDC.remove("deliveryId");
        MDC.remove("bookingId");
    }

    /** The invitee a change is about, whose URI names its booking. */
    private static String inviteeOf(CalendlyChange change) {
        if (change instanceof CalendlyChange.Booked booked) {
            return booked.invitee().uri();
        }
        if (change instanceof CalendlyChange.Canceled canceled) {
            return canceled.invitee().uri();
        }
        return ((CalendlyChange.NoShow) change).inviteeUri();
    }

    private Uni<RecordOutcome> applyChange(CalendlyChange change) {
        if (change instanceof CalendlyChange.Booked booked) {
            return booked(booked);
        }
        if (change instanceof CalendlyChange.Canceled canceled) {
            return canceled(canceled);
        }
        return noShow((CalendlyChange.NoShow) change);
    }

    private Uni<RecordOutcome> booked(CalendlyChange.Booked change) {
        CalendlyChange.Invitee invitee = change.invitee();
        return bookings.lockByInviteeUri(invitee.uri()).chain(existing -> BookingLifecycle
                .onBooked(existing == null ? null : existing.status)
                .map(step -> create(change.source(), invitee, step, null, null)
                        .chain(booking -> noShows.isMarked(invitee.uri()).chain(marked -> marked
                                ? setNoShow(booking, true, change.source())
                                : Uni.createFrom().voidItem()))
                        .replaceWith(RecordOutcome.APPLIED))
                .orElseGet(() -> Uni.createFrom().item(RecordOutcome.STALE)));
    }

    private Uni<RecordOutcome> canceled(CalendlyChange.Canceled change) {
        CalendlyChange.Invitee invitee = change.invitee();
        CalendlyChange.Source source = change.source();
        return bookings.lockByInviteeUri(invitee.uri()).chain(existing -> BookingLifecycle
                .onCanceled(existing == null ? null : existing.status,
                        existing == null ? null : existing.calendlyUpdatedAt, source.updatedAt(), change.rescheduled())
                .map(step -> (change.rescheduled()
                        ? bookings.idOfInvitee(source.tenantId(), change.newInviteeUri())
                        : Uni.createFrom().<UUID>nullItem())
                        .chain(replacement -> existing == null
                                ? create(source, invitee, step, change.cancellation(), replacement).replaceWithVoid()
                                : cancel(existing, source, invitee, step, change.cancellation(), replacement))
                        .replaceWith(RecordOutcome.APPLIED))
                .orElseGet(() -> Uni.createFrom().item(RecordOutcome.STALE)));
    }

    private Uni<RecordOutcome> noShow(CalendlyChange.NoShow change) {
        CalendlyChange.Source source = change.source();
        Uni<Boolean> recorded = change.marked()
                ? noShows.mark(source.tenantId(), change.noShowUri(), change.inviteeUri(), source.updatedAt())
                : noShows.clear(source.tenantId(), change.noShowUri(), change.inviteeUri());
        return recorded.chain(fresh -> !fresh
                ? Uni.createFrom().item(RecordOutcome.STALE)
                // Applied even while the booking is unknown: its creation reads the marks.
                : bookings.lockByInviteeUri(change.inviteeUri()).chain(booking -> booking == null
                        ? Uni.createFrom().voidItem()
                        : noShows.isMarked(change.inviteeUri()).chain(marked -> setNoShow(booking, marked, source)))
                .replaceWith(RecordOutcome.APPLIED));
    }

    /** Creates the invitee's booking in the step's status, with its history entry and event. */
    private Uni<Booking> create(CalendlyChange.Source source, CalendlyChange.Invitee invitee, BookingLifecycle.Step step,
                                CalendlyChange.Cancellation cancellation, UUID replacement) {
        Instant now = clock.instant();
        return (invitee.oldInviteeUri() == null
                ? Uni.createFrom().<UUID>nullItem()
                : bookings.idOfInvitee(source.tenantId(), invitee.oldInviteeUri()))
                .chain(replaced -> users.findOrCreate(source.tenantId(), invitee.email(), invitee.name())
                        .chain(user -> {
                            Booking booking = BookingMapper.newBooking(source.tenantId(), user.id, invitee, step.to(), now);
                            booking.rescheduledFromBookingId = replaced;
                            if (cancellation != null) {
                                recordCancellation(booking, cancellation, replacement);
                            }
                            booking.calendlyUpdatedAt = source.updatedAt();
                            // Flushed now: the history entry that follows references it.
                            return booking.<Booking>persistAndFlush()
                                    .call(persisted -> record(persisted, step, source, invitee, cancellation, now))
                                    .call(persisted -> replaced == null ? Uni.createFrom().voidItem()
                                            : bookings.lockById(replaced).chain(old -> old == null
                                                    ? Uni.createFrom().voidItem()
                                                    : moveConsultationWork(old.id, persisted)));
                        }));
    }

    private Uni<Void> cancel(Booking booking, CalendlyChange.Source source, CalendlyChange.Invitee invitee,
                             BookingLifecycle.Step step, CalendlyChange.Cancellation cancellation, UUID replacement) {
        Instant now = clock.instant();
        booking.status = step.to();
        recordCancellation(booking, cancellation, replacement);
        booking.calendlyUpdatedAt = latest(booking.calendlyUpdatedAt, source.updatedAt());
        booking.updatedAt = now;
        return record(booking, step, source, invitee, cancellation, now)
                .call(() -> replacement == null ? Uni.createFrom().voidItem()
                        : bookings.findById(replacement).chain(replacing -> replacing == null
                                ? Uni.createFrom().voidItem()
                                : moveConsultationWork(booking.id, replacing)));
    }

    /**
     * A reschedule carries the old booking's brief and proposals to the booking that replaced it, once both exist:
     * whichever half of the reschedule arrives second moves them (the old booking locked), and the old booking takes no
     * new ones once it is RESCHEDULED. Nothing is raised: the work is the same, only its booking changed.
     */
    private Uni<Void> moveConsultationWork(UUID oldBookingId, Booking replacing) {
        return briefs.move(oldBookingId, replacing.id, replacing.userId)
                .chain(() -> proposals.move(oldBookingId, replacing.id, replacing.userId))
                .replaceWithVoid();
    }

    private static void recordCancellation(Booking booking, CalendlyChange.Cancellation cancellation, UUID replacement) {
        booking.canceledBy = cancellation.canceledBy();
        booking.cancelReason = cancellation.reason();
        booking.cancelerType = cancellation.cancelerType();
        booking.canceledAt = cancellation.canceledAt();
        booking.rescheduledToBookingId = replacement;
    }

    /** Appends the step to the booking's history and raises its event. */
    private Uni<Void> record(Booking booking, BookingLifecycle.Step step, CalendlyChange.Source source,
                             CalendlyChange.Invitee invitee, CalendlyChange.Cancellation cancellation, Instant now) {
        Instant occurredAt = source.updatedAt() == null ? now : source.updatedAt();
        BookingEventV1 event = switch (step.change()) {
            case CREATED -> BookingEvents.created(booking, invitee, occurredAt);
            case CANCELED -> BookingEvents.canceled(booking, invitee, occurredAt);
            case RESCHEDULED -> BookingEvents.rescheduled(booking, invitee, occurredAt);
            case NO_SHOW_MARKED, NO_SHOW_CLEARED -> throw new IllegalStateException("not a status step: " + step);
        };
        BookingHistoryEntry entry = cancellation == null
                ? BookingMapper.historyEntry(booking, step.from(), step.change(), source, invitee.name(), "invitee", null, now)
                : BookingMapper.historyEntry(booking, step.from(), step.change(), source, cancellation.canceledBy(),
                        cancellation.cancelerType(), cancellation.reason(), now);
        return history.persist(entry).chain(() -> Outbox.append(BookingEvents.outboxMessage(event)));
    }

    private Uni<Void> setNoShow(Booking booking, boolean marked, CalendlyChange.Source source) {
        return BookingLifecycle.onNoShow(booking.noShow, marked).map(change -> {
            Instant now = clock.instant();
            booking.noShow = marked;
            booking.updatedAt = now;
            BookingEventV1 event = BookingEvents.noShow(booking, source.updatedAt() == null ? now : source.updatedAt());
            return history.persist(BookingMapper.historyEntry(booking, booking.status, change, source, null, "host",
                            null, now))
                    .chain(() -> Outbox.append(BookingEvents.outboxMessage(event)));
        }).orElseGet(() -> Uni.createFrom().voidItem());
    }

    private static Instant latest(Instant stored, Instant delivered) {
        return stored == null || (delivered != null && delivered.isAfter(stored)) ? delivered : stored;
    }
}
