package io.quillspace.booking.proposal;

import io.quillspace.booking.common.ConsultationPolicy;
import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.ProjectBrief;
import io.quillspace.booking.entity.Proposal;
import io.quillspace.booking.entity.ProposalHistoryEntry;
import io.quillspace.booking.repository.BookingRepository;
import io.quillspace.booking.repository.ProjectBriefRepository;
import io.quillspace.booking.repository.ProposalHistoryRepository;
import io.quillspace.booking.repository.ProposalRepository;
import io.quillspace.booking.repository.UserRepository;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.outbox.Outbox;
import io.quillspace.shared.problem.Conflict;
import io.quillspace.shared.tenancy.TenantContext;
import io.quillspace.shared.tenancy.TenantTransactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Proposals through their lifecycle ({@link ProposalLifecycle}). Every change first locks the proposal's booking row:
 * changes to one booking's proposals (two admins editing a draft, an accept racing a decline) run one after the other,
 * each sees the other's outcome, and the booking's event sequence is taken without gaps or repeats. Each method returns
 * null when the caller may not see the booking or proposal (Row-Level Security; a client never sees drafts). Every
 * change appends its proposal history entry in the same transaction; an acceptance's carries the SHA-256 of the
 * content accepted ({@link ProposalContent}).
 */
@ApplicationScoped
public class ProposalService {

    private final BookingRepository bookings;
    private final ProposalRepository proposals;
    private final ProjectBriefRepository briefs;
    private final UserRepository users;
    private final ConsultationPolicy policy;
    private final ProposalHistoryRepository history;

    public ProposalService(BookingRepository bookings, ProposalRepository proposals, ProjectBriefRepository briefs,
                           UserRepository users, ConsultationPolicy policy, ProposalHistoryRepository history) {
        this.bookings = bookings;
        this.proposals = proposals;
        this.briefs = briefs;
        this.users = users;
        this.policy = policy;
        this.history = history;
    }

    /** A proposal with its history, oldest change first. */
    public record WithHistory(Proposal proposal, List<ProposalHistoryEntry> history) {
    }

    public Uni<WithHistory> find(TenantContext caller, UUID proposalId) {
        return TenantTransactions.inTenant(caller, () -> proposals.findById(proposalId).chain(proposal -> proposal == null
                ? Uni.createFrom().nullItem()
                : history.ofProposal(proposalId).map(entries -> new WithHistory(proposal, entries))));
    }

    /** An admin drafts a proposal for a booking. */
    public Uni<Proposal> create(TenantContext admin, UUID bookingId, ProposalDraft draft) {
        return TenantTransactions.inTenant(admin, () -> bookings.lockById(bookingId).chain(booking -> booking == null
                ? Uni.createFrom().nullItem()
                : policy.requireNotRescheduled(booking).chain(() -> {
                    Proposal proposal = ProposalMapper.newDraft(booking, draft, admin.userId().orElseThrow(),
                            policy.now());
                    return proposals.persist(proposal)
                            .call(() -> record(proposal, ProposalHistoryEntry.Change.CREATED, null, admin));
                })));
    }

    /** An admin replaces a draft's content; {@code version} is the one the edit started from. */
    public Uni<Proposal> edit(TenantContext admin, UUID proposalId, int version, ProposalDraft draft) {
        return withLockedBooking(admin, proposalId, (booking, proposal) -> {
            ProposalLifecycle.edit(proposal.status, proposal.version, version);
            List<String> changed = ProposalContent.changedFields(proposal, draft, ProposalMapper.phasesInOrder(draft));
            ProposalMapper.applyDraft(proposal, draft, policy.now());
            return history.append(() -> {
                ProposalHistoryEntry entry = ProposalMapper.historyEntry(proposal, ProposalHistoryEntry.Change.EDITED,
                        Proposal.Status.DRAFT, admin);
                entry.changedFields = new ProposalHistoryEntry.ChangedFields(changed);
                return entry;
            }).replaceWith(proposal);
        });
    }

    /** An admin sends a draft to the client; the booking's earlier sent proposals are superseded. */
    public Uni<Proposal> send(TenantContext admin, UUID proposalId) {
        return withLockedBooking(admin, proposalId, (booking, proposal) -> {
            if (ProposalLifecycle.send(proposal.status) == ProposalLifecycle.Decision.ALREADY_DONE) {
                return Uni.createFrom().item(proposal);
            }
            Instant now = policy.now();
            proposal.status = Proposal.Status.SENT;
            proposal.sentAt = now;
            proposal.updatedAt = now;
            return proposals.supersedeOthers(booking.id, proposal.id, admin.userId().orElseThrow(),
                            admin.role().setting())
                    .chain(() -> record(proposal, ProposalHistoryEntry.Change.SENT, Proposal.Status.DRAFT, admin))
                    .chain(() -> raise(ProposalEvents.sent(booking, proposal)))
                    .replaceWith(proposal);
        });
    }

    /** The client accepts; accepting again answers the same and raises nothing. */
    public Uni<Proposal> accept(TenantContext client, UUID proposalId) {
        return withLockedBooking(client, proposalId, (booking, proposal) -> proposals
                .hasAnotherAccepted(booking.id, proposal.id)
                .chain(anotherAccepted -> {
                    Instant now = policy.now();
                    if (ProposalLifecycle.accept(proposal.status, proposal.validUntil, now, anotherAccepted)
                            == ProposalLifecycle.Decision.ALREADY_DONE) {
                        return Uni.createFrom().item(proposal);
                    }
                    Proposal.Status from = proposal.status;
                    decide(proposal, Proposal.Status.ACCEPTED, now);
                    String acceptedContent = ProposalContent.of(proposal).sha256();
                    return history.append(() -> {
                                ProposalHistoryEntry entry = ProposalMapper.historyEntry(proposal,
                                        ProposalHistoryEntry.Change.ACCEPTED, from, client);
                                entry.contentSha256 = acceptedContent;
                                return entry;
                            })
                            .chain(() -> users.findById(booking.userId).chain(user -> briefs.ofBooking(booking.id)
                                    .chain(versions -> {
                                        ProjectBrief latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
                                        return raise(ProposalEvents.accepted(booking, proposal, user, latest,
                                                versions.size()));
                                    })))
                            .replaceWith(proposal);
                }));
    }

    /** The client declines; declining again answers the same and raises nothing. */
    public Uni<Proposal> decline(TenantContext client, UUID proposalId) {
        return withLockedBooking(client, proposalId, (booking, proposal) -> {
            Instant now = policy.now();
            if (ProposalLifecycle.decline(proposal.status, proposal.validUntil, now)
                    == ProposalLifecycle.Decision.ALREADY_DONE) {
                return Uni.createFrom().item(proposal);
            }
            Proposal.Status from = proposal.status;
            decide(proposal, Proposal.Status.DECLINED, now);
            return record(proposal, ProposalHistoryEntry.Change.DECLINED, from, client)
                    .chain(() -> raise(ProposalEvents.declined(booking, proposal)))
                    .replaceWith(proposal);
        });
    }

    private static void decide(Proposal proposal, Proposal.Status decision, Instant now) {
        proposal.status = decision;
        proposal.decidedAt = now;
        proposal.updatedAt = now;
    }

    private Uni<Void> record(Proposal proposal, ProposalHistoryEntry.Change change, Proposal.Status from,
                             TenantContext actor) {
        return history.append(() -> ProposalMapper.historyEntry(proposal, change, from, actor));
    }

    private static Uni<Void> raise(ProposalEventV1 event) {
        return Outbox.append(event);
    }

    /**
     * Runs {@code change} in the caller's tenant transaction with the proposal's booking locked, the booking first so
     * that every path locks in the same order. A proposal that a reschedule moved to another booking while this waited
     * for the lock is a conflict; the client retries on the new booking.
     */
    private Uni<Proposal> withLockedBooking(TenantContext caller, UUID proposalId,
                                            BiFunction<Booking, Proposal, Uni<Proposal>> change) {
        return TenantTransactions.inTenant(caller, () -> proposals.bookingOf(proposalId).chain(bookingId -> bookingId == null
                ? Uni.createFrom().nullItem()
                : bookings.lockById(bookingId).chain(booking -> proposals.findById(proposalId).chain(proposal -> {
                    if (proposal == null) {
                        return Uni.createFrom().nullItem();
                    }
                    if (booking == null || !proposal.bookingId.equals(booking.id)) {
                        return Uni.createFrom().failure(new Conflict(
                                ConsultationPolicy.CONSULTATION_RESCHEDULED,
                                "the consultation was moved to " + proposal.bookingId + " meanwhile: try again"));
                    }
                    return change.apply(booking, proposal);
                }))));
    }
}
