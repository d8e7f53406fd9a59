package io.quillspace.booking.calendly;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.repository.BriefFileRepository;
import io.quillspace.booking.repository.ErasedClientRepository;
import io.quillspace.booking.repository.ProjectBriefRepository;
import io.quillspace.booking.repository.ProposalRepository;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.messaging.FailureClassifier;
import io.quillspace.shared.messaging.RecordOutcome;
import io.quillspace.shared.messaging.RecordProcessor;
import io.quillspace.shared.messaging.TraceContext;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies verified Calendly deliveries to the tenant's bookings, a tenant's share of a batch in one transaction with
 * set-based statements: the share's bookings, no-show marks and processed deliveries are read at once, every delivery
 * is decided in memory in offset order ({@link SharePlan}, by {@link BookingLifecycle}), and users, bookings (one row
 * per booking), history entries, outbox events, marks and the delivery log are then written with one statement each.
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
    private final ShareStatements statements;
    private final DeliveryLogRepository deliveryLog;
    private final NoShowRepository noShows;
    private final ProjectBriefRepository briefs;
    private final BriefFileRepository briefFiles;
    private final ProposalRepository proposals;
    private final ErasedClientRepository erasedClients;
    private final Clock clock;

    public BookingService(CalendlyChanges changes, ShareStatements statements, DeliveryLogRepository deliveryLog,
                          NoShowRepository noShows, ProjectBriefRepository briefs, BriefFileRepository briefFiles,
                          ProposalRepository proposals, ErasedClientRepository erasedClients, Clock clock) {
        this.erasedClients = erasedClients;
        this.changes = changes;
        this.statements = statements;
        this.deliveryLog = deliveryLog;
        this.noShows = noShows;
        this.briefs = briefs;
        this.briefFiles = briefFiles;
        this.proposals = proposals;
        this.clock = clock;
    }

    /**
     * Applies one tenant's share of a batch of deliveries in one transaction, in their order, and completes with one
     * outcome per delivery once committed. A delivery already logged, or repeated within the share, is a duplicate.
     * A delivery that cannot be read or applied fails the whole share (rolled back), which the consumer then applies
     * delivery by delivery.
     */
    public Uni<List<RecordOutcome>> applyShare(UUID tenantId, List<RecordProcessor.Batched<CalendlyDeliveryV1>> deliveries) {
        List<CalendlyChange> read = deliveries.stream().map(delivery -> changes.read(delivery.record())).toList();
        List<String> invitees = List.copyOf(SharePlan.inviteesOf(read));
        Map<UUID, UUID> clients = SharePlan.clientsOf(tenantId, read);
        return TenantTransactions.inTenant(TenantContext.service(tenantId),
                () -> TenantTransactions.registerTenant(tenantId)
                        .chain(() -> erasedClients.among(clients.values()))
                        .map(erased -> dropped(clients, erased))
                        .chain(dropped -> deliveryLog.processedAmong(read.stream().map(c -> c.source().deliveryId()).toList())
                        .chain(processed -> statements.lockBookings(invitees)
                                .chain(current -> noShows.among(invitees, SharePlan.marksOf(read))
                                        .chain(marks -> statements.findOrCreateUsers(tenantId,
                                                        SharePlan.newUsers(tenantId, read, union(processed, dropped), current))
                                                .chain(users -> apply(tenantId, deliveries, read, processed, dropped,
                                                        new SharePlan(tenantId, clock, current, marks, users),
                                                        marks.stream().map(NoShowRepository.Mark::uri).toList())))))));
    }

    /** The deliveries about erased clients: dropped, so a webhook or a reconciliation cannot bring their data back. */
    private static Set<UUID> dropped(Map<UUID, UUID> clients, Set<UUID> erased) {
        Set<UUID> dropped = new HashSet<>();
        clients.forEach((delivery, client) -> {
            if (erased.contains(client)) {
                dropped.add(delivery);
            }
        });
        return dropped;
    }

    private static Set<UUID> union(Set<UUID> a, Set<UUID> b) {
        Set<UUID> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }

    private Uni<List<RecordOutcome>> apply(UUID tenantId, List<RecordProcessor.Batched<CalendlyDeliveryV1>> deliveries,
                                           List<CalendlyChange> read, Set<UUID> processed, Set<UUID> dropped,
                                           SharePlan plan, List<String> storedMarks) {
        Set<UUID> seen = new HashSet<>(processed);
        List<RecordOutcome> outcomes = new ArrayList<>(read.size());
        List<DeliveryLogRepository.Entry> logged = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            CalendlyChange.Source source = read.get(i).source();
            // The record's span is current while it is decided, so its event continues the record's trace.
            try (Scope ignored = deliveries.get(i).span().makeCurrent()) {
                RecordOutcome outcome = !seen.add(source.deliveryId()) ? RecordOutcome.DUPLICATE
                        : dropped.contains(source.deliveryId()) ? RecordOutcome.ERASED
                        : plan.apply(read.get(i), TraceContext.currentTraceparent());
                if (outcome != RecordOutcome.DUPLICATE) {
                    logged.add(new DeliveryLogRepository.Entry(source.deliveryId(), source.event(), outcome));
                }
                outcomes.add(outcome);
            }
        }
        return statements.writeBookings(plan.created(), plan.changed())
                .chain(() -> noShows.save(tenantId, plan.marks(), storedMarks))
                .chain(() -> statements.appendHistory(plan.history()))
                .chain(() -> Outbox.appendAll(plan.events()))
                .chain(() -> Multi.createFrom().iterable(plan.moves())
                        .onItem().transformToUniAndConcatenate(this::move)
                        .collect().last())
                .chain(() -> deliveryLog.recordAll(tenantId, logged))
                .invoke(() -> logOutcomes(deliveries, read, outcomes))
                .replaceWith(outcomes);
    }

    /**
     * A reschedule carries the old booking's brief (with its files) and proposals to the booking that replaced it, once both exist:
     * whichever half of the reschedule arrives second moves them, and the old booking takes no new ones once it is
     * RESCHEDULED. Nothing is raised: the work is the same, only its booking changed.
     */
    private Uni<Void> move(SharePlan.Move move) {
        return briefs.move(move.fromBookingId(), move.toBookingId(), move.toUserId())
                .chain(() -> briefFiles.move(move.fromBookingId(), move.toBookingId(), move.toUserId()))
                .chain(() -> proposals.move(move.fromBookingId(), move.toBookingId(), move.toUserId()))
                .replaceWithVoid();
    }

    /**
     * One DEBUG line per delivery, in its trace, with its delivery and booking as fields beside the tenant the consumer
     * set; the outcomes themselves are counted by the consumer's metrics, so the hot path logs nothing at INFO.
     */
    private static void logOutcomes(List<RecordProcessor.Batched<CalendlyDeliveryV1>> deliveries,
                                    List<CalendlyChange> read, List<RecordOutcome> outcomes) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        for (int i = 0; i < read.size(); i++) {
            CalendlyChange.Source source = read.get(i).source();
            try (Scope ignored = deliveries.get(i).span().makeCurrent()) {
                MDC.put("deliveryId", source.deliveryId().toString());
                MDC.put("bookingId", Booking.idFor(source.tenantId(), inviteeOf(read.get(i))).toString());
                LOG.debugf("%s delivery %s for tenant %s: %s", source.event(), source.deliveryId(), source.tenantId(),
                        outcomes.get(i).tag());
                MDC.remove("deliveryId");
                MDC.remove("bookingId");
            }
        }
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
}
