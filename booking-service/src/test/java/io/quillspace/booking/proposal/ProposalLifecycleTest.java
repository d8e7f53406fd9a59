package io.quillspace.booking.proposal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quillspace.booking.entity.Proposal;
import io.quillspace.shared.problem.Conflict;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class ProposalLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-04-01T10:00:00Z");
    private static final Instant VALID = NOW.plusSeconds(3600);

    @Test
    void aValidSentProposalIsAccepted() {
        assertEquals(ProposalLifecycle.Decision.CHANGE, ProposalLifecycle.accept(Proposal.Status.SENT, VALID, NOW, false));
    }

    @Test
    void acceptingAnAcceptedProposalIsAlreadyDone() {
        assertEquals(ProposalLifecycle.Decision.ALREADY_DONE,
                ProposalLifecycle.accept(Proposal.Status.ACCEPTED, VALID, NOW, false));
    }

    @Test
    void aProposalIsExpiredFromItsValidUntil() {
        assertRefused(ProposalLifecycle.PROPOSAL_EXPIRED,
                () -> ProposalLifecycle.accept(Proposal.Status.SENT, NOW, NOW, false));
    }

    @Test
    void anotherAcceptedProposalWinsOverExpiry() {
        assertRefused(ProposalLifecycle.ANOTHER_PROPOSAL_ACCEPTED,
                () -> ProposalLifecycle.accept(Proposal.Status.SENT, NOW, NOW, true));
    }

    @Test
    void declinedAndSupersededProposalsCannotBeAccepted() {
        assertRefused(ProposalLifecycle.PROPOSAL_DECLINED,
                () -> ProposalLifecycle.accept(Proposal.Status.DECLINED, VALID, NOW, false));
        assertRefused(ProposalLifecycle.PROPOSAL_SUPERSEDED,
                () -> ProposalLifecycle.accept(Proposal.Status.SUPERSEDED, VALID, NOW, false));
    }

    @Test
    void decliningTwiceIsAlreadyDoneAndDecliningAnAcceptedProposalIsRefused() {
        assertEquals(ProposalLifecycle.Decision.ALREADY_DONE,
                ProposalLifecycle.decline(Proposal.Status.DECLINED, VALID, NOW));
        assertRefused(ProposalLifecycle.PROPOSAL_ACCEPTED,
                () -> ProposalLifecycle.decline(Proposal.Status.ACCEPTED, VALID, NOW));
    }

    @Test
    void onlyADraftIsSentAndSendingAgainIsAlreadyDone() {
        assertEquals(ProposalLifecycle.Decision.CHANGE, ProposalLifecycle.send(Proposal.Status.DRAFT));
        assertEquals(ProposalLifecycle.Decision.ALREADY_DONE, ProposalLifecycle.send(Proposal.Status.SENT));
        assertRefused(ProposalLifecycle.PROPOSAL_NOT_DRAFT,
                () -> ProposalLifecycle.send(Proposal.Status.ACCEPTED));
    }

    @Test
    void anEditMustStartFromTheCurrentVersionOfADraft() {
        ProposalLifecycle.edit(Proposal.Status.DRAFT, 3, 3);
        assertRefused(ProposalLifecycle.PROPOSAL_EDITED_CONCURRENTLY,
                () -> ProposalLifecycle.edit(Proposal.Status.DRAFT, 3, 2));
        assertRefused(ProposalLifecycle.PROPOSAL_NOT_DRAFT,
                () -> ProposalLifecycle.edit(Proposal.Status.SENT, 3, 3));
    }

    private static void assertRefused(Conflict.Reason reason, Runnable request) {
        assertEquals(reason, assertThrows(Conflict.class, request::run).reason());
    }
}
