package io.quillspace.booking.consultation;

import io.quillspace.booking.common.ConsultationPolicy;
import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.BookingHistoryEntry;
import io.quillspace.booking.entity.ProjectBrief;
import io.quillspace.booking.entity.Proposal;
import io.quillspace.booking.proposal.ProposalEvents;
import io.quillspace.booking.repository.BookingHistoryRepository;
import io.quillspace.booking.repository.BookingRepository;
import io.quillspace.booking.repository.ConsultationQuery;
import io.quillspace.booking.repository.ProjectBriefRepository;
import io.quillspace.booking.repository.ProposalRepository;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The consultations API's reads and the client's project brief, each in one tenant transaction as the caller: Row-Level
 * Security limits a user to their own bookings (another's id is absent) and hides proposal drafts from them.
 */
@ApplicationScoped
public class ConsultationService {

    /** The largest page a list returns; the API documents it. */
    public static final int MAX_PAGE_SIZE = 100;

    /** How far ahead the dashboard counts upcoming consultations. */
    static final Duration UPCOMING = Duration.ofDays(7);

    private final BookingRepository bookings;
    private final BookingHistoryRepository history;
    private final ProjectBriefRepository briefs;
    private final ProposalRepository proposals;
    private final ConsultationPolicy policy;

    public ConsultationService(BookingRepository bookings, BookingHistoryRepository history,
                               ProjectBriefRepository briefs, ProposalRepository proposals, ConsultationPolicy policy) {
        this.bookings = bookings;
        this.history = history;
        this.briefs = briefs;
        this.proposals = proposals;
        this.policy = policy;
    }

    /** One page of a list and how many match in all. */
    public record Page(List<Booking> bookings, long total) {
    }

    /** The caller's consultations matching the filters, newest start first: a user's own, an admin's whole tenant. */
    public Uni<Page> list(TenantContext caller, Booking.Status status, Instant from, Instant to, int page, int size) {
        UUID owner = caller.role() == TenantContext.Role.USER ? caller.userId().orElseThrow() : null;
        ConsultationQuery wanted = new ConsultationQuery(status, from, to, owner);
        return TenantTransactions.inTenant(caller, () -> {
            var query = bookings.matching(caller.tenantId(), wanted);
            return query.page(page, size).list().chain(found -> query.count().map(total -> new Page(found, total)));
        });
    }

    /** A booking with its history, its brief's versions (oldest first) and the proposals the caller may see. */
    public record Consultation(Booking booking, List<BookingHistoryEntry> history, List<ProjectBrief> briefVersions,
                               List<Proposal> proposals) {
    }

    /** The consultation if the caller may see it, else null (also for another tenant's id). */
    public Uni<Consultation> find(TenantContext caller, UUID id) {
        return TenantTransactions.inTenant(caller, () -> bookings.findById(id).chain(booking -> booking == null
                ? Uni.createFrom().nullItem()
                : history.ofBooking(id).chain(entries -> briefs.ofBooking(id).chain(versions -> proposals.ofBooking(id)
                        .map(offers -> new Consultation(booking, entries, versions, offers))))));
    }

    /** The studio's figures for consultations starting in {@code [from, to)}. */
    public record Dashboard(Instant from, Instant to, Map<Booking.Status, Long> byStatus, long upcoming,
                            BookingRepository.Funnel funnel) {
    }

    public Uni<Dashboard> dashboard(TenantContext admin, Instant from, Instant to) {
        Instant now = policy.now();
        return TenantTransactions.inTenant(admin, () -> bookings.countByStatus(from, to)
                .chain(byStatus -> bookings.countScheduled(now, now.plus(UPCOMING))
                        .chain(upcoming -> bookings.funnel(from, to)
                                .map(funnel -> new Dashboard(from, to, byStatus, upcoming, funnel)))));
    }

    /** A version of a brief: the entity and its number (from 1). */
    public record BriefVersion(ProjectBrief brief, int version) {
    }

    /**
     * Submits the booking's brief, or null if the caller may not see the booking. A new version only when it differs
     * from the latest (so a repeated submission changes nothing and raises no event); the booking stays locked meanwhile,
     * so concurrent submissions get consecutive versions and a reschedule cannot move the brief halfway.
     */
    public Uni<BriefVersion> submitBrief(TenantContext caller, UUID bookingId, BriefSubmission submission) {
        return TenantTransactions.inTenant(caller, () -> bookings.lockById(bookingId).chain(booking -> booking == null
                ? Uni.createFrom().nullItem()
                : policy.requireNotRescheduled(booking).chain(() -> briefs.ofBooking(bookingId)).chain(versions -> {
                    ProjectBrief latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
                    if (latest != null && ConsultationMapper.sameContent(latest, submission)) {
                        return Uni.createFrom().item(new BriefVersion(latest, versions.size()));
                    }
                    ProjectBrief brief = ConsultationMapper.brief(booking, submission,
                            caller.userId().orElseThrow(), policy.now());
                    BriefVersion submitted = new BriefVersion(brief, versions.size() + 1);
                    return briefs.persist(brief)
                            .chain(() -> Outbox.append(
                                    ProposalEvents.briefSubmitted(booking, brief, submitted.version())))
                            .replaceWith(submitted);
                })));
    }
}
