package io.quillspace.booking.proposal;

import io.quillspace.booking.entity.Proposal;
import io.quillspace.shared.problem.Conflict;

import java.time.Instant;

/**
 * The proposal state machine as pure functions: whether a request changes a proposal, leaves it as it is (a repeat of
 * what already happened: idempotent), or conflicts with its state (a {@link Conflict} with one of the reasons below).
 */
final class ProposalLifecycle {

    static final Conflict.Reason PROPOSAL_EXPIRED = new Conflict.Reason("proposal-expired", "The proposal has expired");
    static final Conflict.Reason PROPOSAL_DECLINED = new Conflict.Reason("proposal-declined", "The proposal was declined");
    static final Conflict.Reason PROPOSAL_SUPERSEDED = new Conflict.Reason("proposal-superseded",
            "A newer proposal replaced this one");
    static final Conflict.Reason ANOTHER_PROPOSAL_ACCEPTED = new Conflict.Reason("another-proposal-accepted",
            "Another proposal of this consultation was accepted");
    static final Conflict.Reason PROPOSAL_ACCEPTED = new Conflict.Reason("proposal-accepted", "The proposal was accepted");
    static final Conflict.Reason PROPOSAL_NOT_DRAFT = new Conflict.Reason("proposal-not-draft",
            "Only a draft can be changed");
    static final Conflict.Reason PROPOSAL_EDITED_CONCURRENTLY = new Conflict.Reason("proposal-edited-concurrently",
            "The proposal changed since you read it");

    /** What a request does to a proposal that allows it. */
    enum Decision { CHANGE, ALREADY_DONE }

    private ProposalLifecycle() {
    }

    /** An admin edits: only a draft, and only from the version it currently has. */
    static void edit(Proposal.Status current, int currentVersion, int editedVersion) {
        if (current != Proposal.Status.DRAFT) {
            throw conflict(PROPOSAL_NOT_DRAFT, "the proposal is " + name(current));
        }
        if (currentVersion != editedVersion) {
            throw conflict(PROPOSAL_EDITED_CONCURRENTLY, "the edit started from version "
                    + editedVersion + ", the proposal is at version " + currentVersion + ": read it again");
        }
    }

    /** An admin sends a draft; sending it again changes nothing. */
    static Decision send(Proposal.Status current) {
        if (current == Proposal.Status.SENT) {
            return Decision.ALREADY_DONE;
        }
        if (current != Proposal.Status.DRAFT) {
            throw conflict(PROPOSAL_NOT_DRAFT, "the proposal is " + name(current));
        }
        return Decision.CHANGE;
    }

    /** The client accepts a sent proposal that is still valid, if the booking has no other accepted proposal. */
    static Decision accept(Proposal.Status current, Instant validUntil, Instant now, boolean anotherAccepted) {
        switch (current) {
            case ACCEPTED:
                return Decision.ALREADY_DONE;
            case DECLINED:
                throw conflict(PROPOSAL_DECLINED, "a declined proposal cannot be accepted");
            case SUPERSEDED:
                throw superseded();
            case SENT:
                if (anotherAccepted) {
                    throw conflict(ANOTHER_PROPOSAL_ACCEPTED,
                            "this consultation already has an accepted proposal");
                }
                requireValid(validUntil, now);
                return Decision.CHANGE;
            default:
                throw conflict(PROPOSAL_NOT_DRAFT, "the proposal is " + name(current));
        }
    }

    /** The client declines a sent proposal that is still valid. */
    static Decision decline(Proposal.Status current, Instant validUntil, Instant now) {
        switch (current) {
            case DECLINED:
                return Decision.ALREADY_DONE;
            case ACCEPTED:
                throw conflict(PROPOSAL_ACCEPTED, "an accepted proposal cannot be declined");
            case SUPERSEDED:
                throw superseded();
            case SENT:
                requireValid(validUntil, now);
                return Decision.CHANGE;
            default:
                throw conflict(PROPOSAL_NOT_DRAFT, "the proposal is " + name(current));
        }
    }

    private static void requireValid(Instant validUntil, Instant now) {
        if (!now.isBefore(validUntil)) {
            throw conflict(PROPOSAL_EXPIRED, "the proposal was valid until " + validUntil);
        }
    }

    private static Conflict superseded() {
        return conflict(PROPOSAL_SUPERSEDED, "a newer proposal was sent for this consultation");
    }

    private static Conflict conflict(Conflict.Reason reason, String detail) {
        return new Conflict(reason, detail);
    }

    private static String name(Proposal.Status status) {
        return status.name().toLowerCase();
    }
}
