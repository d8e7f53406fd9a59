package io.quillspace.booking.proposal;

import io.quillspace.booking.entity.Proposal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A proposal as the API shows it.
 *
 * @param status  {@code DRAFT | SENT | ACCEPTED | DECLINED | SUPERSEDED}
 * @param version what an edit sends back in {@code If-Match}: an edit from an older version is refused
 */
public record ProposalView(UUID id, UUID consultationId, String status, String title, String scopeOfWork,
                           List<Proposal.Phase> phases, BigDecimal price, String currency, Instant validUntil,
                           int version, Instant createdAt, Instant updatedAt, Instant sentAt, Instant decidedAt) {

    public static ProposalView of(Proposal proposal) {
        return new ProposalView(proposal.id, proposal.bookingId, proposal.status.name(), proposal.title,
                proposal.scopeOfWork, proposal.workPlan.phases(), proposal.price, proposal.currency,
                proposal.validUntil, proposal.version, proposal.createdAt, proposal.updatedAt, proposal.sentAt,
                proposal.decidedAt);
    }
}
