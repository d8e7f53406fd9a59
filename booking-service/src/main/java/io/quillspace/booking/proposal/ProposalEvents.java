package io.quillspace.booking.proposal;

import io.quillspace.booking.entity.Booking;
import io.quillspace.booking.entity.ProjectBrief;
import io.quillspace.booking.entity.Proposal;
import io.quillspace.booking.entity.User;
import io.quillspace.shared.events.ProposalEventV1;

import java.time.Instant;
import java.util.UUID;

/**
 * The {@link ProposalEventV1} each brief and proposal change raises, numbered with the booking's next sequence number
 * (one sequence with its {@code BookingEventV1}s).
 */
public final class ProposalEvents {

    private ProposalEvents() {
    }

    public static ProposalEventV1 briefSubmitted(Booking booking, ProjectBrief brief, int version) {
        return new ProposalEventV1.BriefSubmitted(UUID.randomUUID(), booking.tenantId, booking.id,
                booking.nextEventSequence(), booking.userId, brief.submittedBy, contract(brief, version),
                brief.submittedAt);
    }

    public static ProposalEventV1 sent(Booking booking, Proposal proposal) {
        return new ProposalEventV1.ProposalSent(UUID.randomUUID(), booking.tenantId, booking.id,
                booking.nextEventSequence(), proposal.id, proposal.userId, proposal.title, proposal.price,
                proposal.currency, proposal.validUntil, proposal.sentAt);
    }

    /** Everything project-service needs; {@code latestBrief} is null when the client never submitted one. */
    public static ProposalEventV1 accepted(Booking booking, Proposal proposal, User client, ProjectBrief latestBrief,
                                           int briefVersion) {
        return new ProposalEventV1.ProposalAccepted(UUID.randomUUID(), booking.tenantId, booking.id,
                booking.nextEventSequence(), proposal.id, client.id, client.email, client.name, booking.inviteeTimeZone,
                latestBrief == null ? null : contract(latestBrief, briefVersion), proposal.title,
                proposal.scopeOfWork, proposal.workPlan.phases().stream()
                        .map(phase -> new ProposalEventV1.Phase(phase.order(), phase.name(), phase.estimatedDays(),
                                phase.deliverables()))
                        .toList(),
                proposal.price, proposal.currency, proposal.decidedAt, proposal.decidedAt);
    }

    public static ProposalEventV1 declined(Booking booking, Proposal proposal) {
        return new ProposalEventV1.ProposalDeclined(UUID.randomUUID(), booking.tenantId, booking.id,
                booking.nextEventSequence(), proposal.id, proposal.userId, proposal.decidedAt);
    }

    private static ProposalEventV1.Brief contract(ProjectBrief brief, int version) {
        return new ProposalEventV1.Brief(version, brief.projectName, brief.genre, brief.manuscriptWordCount,
                brief.budgetMin, brief.budgetMax, brief.desiredStartDate, brief.goals, brief.contactEmail);
    }
}
