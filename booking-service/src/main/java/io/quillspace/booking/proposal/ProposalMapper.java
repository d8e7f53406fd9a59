package io.quillspace.booking.proposal;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.Proposal;
import io.quillspace.booking.entity.ProposalHistoryEntry;
import io.quillspace.shared.tenancy.TenantContext;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Proposals built from the drafts the API received. */
public final class ProposalMapper {

    private ProposalMapper() {
    }

    /** A new draft for the booking's client, not yet persisted. */
    public static Proposal newDraft(Booking booking, ProposalDraft draft, UUID createdBy, Instant now) {
        Proposal proposal = new Proposal();
        proposal.id = UUID.randomUUID();
        proposal.tenantId = booking.tenantId;
        proposal.bookingId = booking.id;
        proposal.userId = booking.userId;
        proposal.status = Proposal.Status.DRAFT;
        proposal.createdBy = createdBy;
        proposal.createdAt = now;
        applyDraft(proposal, draft, now);
        return proposal;
    }

    /** Replaces the proposal's content with the draft's; phases are kept in their order. */
    public static void applyDraft(Proposal proposal, ProposalDraft draft, Instant now) {
        proposal.title = draft.title();
        proposal.scopeOfWork = draft.scopeOfWork();
        proposal.workPlan = new Proposal.WorkPlan(phasesInOrder(draft));
        proposal.price = draft.price();
        proposal.currency = draft.currency();
        proposal.validUntil = draft.validUntil();
        proposal.updatedAt = now;
    }

    static List<Proposal.Phase> phasesInOrder(ProposalDraft draft) {
        return draft.phases().stream().sorted(Comparator.comparingInt(Proposal.Phase::order)).toList();
    }

    /** The history entry of a change that took {@code proposal} from {@code from} (null: it did not exist) to its state now. */
    static ProposalHistoryEntry historyEntry(Proposal proposal, ProposalHistoryEntry.Change change, Proposal.Status from,
                                             TenantContext actor) {
        ProposalHistoryEntry entry = new ProposalHistoryEntry();
        entry.tenantId = proposal.tenantId;
        entry.proposalId = proposal.id;
        entry.bookingId = proposal.bookingId;
        entry.change = change;
        entry.fromStatus = from;
        entry.toStatus = proposal.status;
        entry.version = proposal.version;
        entry.actor = actor.userId().orElse(null);
        entry.actorRole = actor.role().setting();
        return entry;
    }
}
