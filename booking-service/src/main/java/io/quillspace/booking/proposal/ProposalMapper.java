package io.quillspace.booking.proposal;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.Proposal;

import java.time.Instant;
import java.util.Comparator;
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
        proposal.workPlan = new Proposal.WorkPlan(draft.phases().stream()
                .sorted(Comparator.comparingInt(Proposal.Phase::order)).toList());
        proposal.price = draft.price();
        proposal.currency = draft.currency();
        proposal.validUntil = draft.validUntil();
        proposal.updatedAt = now;
    }
}
