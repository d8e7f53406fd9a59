package io.quillspace.booking.proposal;

import io.quillspace.booking.common.ConsultationConflict;
import io.quillspace.booking.entity.Proposal;

import java.time.Instant;

/**
 * The proposal state machine as pure functions: whether a request changes a proposal, leaves it as it is (a repeat of
 * what already happened: idempotent), or conflicts with its state ({@link ConsultationConflict}).
 */
final class ProposalLifecycle {

    /** What a request does to a proposal that allows it. */
    enum Decision { CHANGE, ALREADY_DONE }

    private ProposalLifecycle() {
    }

    /** An admin edits: only a draft, and only from the version it currently has. */
    static void edit(Proposal.Status current, int currentVersion, int editedVersion) {
        if (current != Proposal.Status.DRAFT) {
            throw conflict(ConsultationConflict.Reason.PROPOSAL_NOT_DRAFT, "the proposal is " + name(current));
        }
        if (currentVersion != editedVersion) {
            throw conflict(ConsultationConflict.Reason.PROPOSAL_EDITED_CONCURRENTLY, "the edit started from version "
                    + editedVersion + ", the proposal is at version " + currentVersion + ": read it again");
        }
    }

    /** An admin sends a draft; sending it again changes nothing. */
    static Decision send(Proposal.Status current) {
        if (current == Proposal.Status.SENT) {
            return Decision.ALREADY_DONE;
        }
        if (current != Proposal.Status.DRAFT) {
            throw conflict(ConsultationConflict.Reason.PROPOSAL_NOT_DRAFT, "the proposal is " + name(current));
        }
        return Decision.CHANGE;
    }

    /** The client accepts a sent proposal that is still valid, if the booking has no other accepted proposal. */
    static Decision accept(Proposal.Status current, Instant validUntil, Instant now, boolean anotherAccepted) {
        switch (current) {
            case ACCEPTED:
                return Decision.ALREADY_DONE;
            case DECLINED:
                throw conflict(ConsultationConflict.Reason.PROPOSAL_DECLINED, "a declined proposal cannot be accepted");
            case SUPERSEDED:
                throw superseded();
            case SENT:
                if (anotherAccepted) {
                    throw conflict(ConsultationConflict.Reason.ANOTHER_PROPOSAL_ACCEPTED,
                            "this consultation already has an accepted proposal");
                }
                requireValid(validUntil, now);
                return Decision.CHANGE;
            default:
                throw conflict(ConsultationConflict.Reason.PROPOSAL_NOT_DRAFT, "the proposal is " + name(current));
        }
    }

    /** The client declines a sent proposal that is still valid. */
    static Decision decline(Proposal.Status current, Instant validUntil, Instant now) {
        switch (current) {
            case DECLINED:
                return Decision.ALREADY_DONE;
            case ACCEPTED:
                throw conflict(ConsultationConflict.Reason.PROPOSAL_ACCEPTED, "an accepted proposal cannot be declined");
            case SUPERSEDED:
                throw superseded();
            case SENT:
                requireValid(validUntil, now);
                return Decision.CHANGE;
            default:
                throw conflict(ConsultationConflict.Reason.PROPOSAL_NOT_DRAFT, "the proposal is " + name(current));
        }
    }

    private static void requireValid(Instant validUntil, Instant now) {
        if (!now.isBefore(validUntil)) {
            throw conflict(ConsultationConflict.Reason.PROPOSAL_EXPIRED, "the proposal was valid until " + validUntil);
        }
    }

    private static ConsultationConflict superseded() {
        return conflict(ConsultationConflict.Reason.PROPOSAL_SUPERSEDED, "a newer proposal was sent for this consultation");
    }

    private static ConsultationConflict conflict(ConsultationConflict.Reason reason, String detail) {
        return new ConsultationConflict(reason, detail);
    }

    private static String name(Proposal.Status status) {
        return status.name().toLowerCase();
    }
}
