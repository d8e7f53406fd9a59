package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.shared.events.ProposalEventV1;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What a proposal event does to the emails, as pure functions. Only a sent proposal is announced. Its booking comes
 * on another topic, so it may not be here yet when the booking topic's consumer lags: the proposal then waits for it,
 * for at most the configured time, and is dead-lettered after that with the reason.
 */
final class ProposalPlanner {

    /** What to do with a sent proposal now. */
    enum Decision { ANNOUNCE, WAIT, DEAD_LETTER }

    private ProposalPlanner() {
    }

    /** The proposal this event announces, if it is one that is announced. */
    static Optional<ProposalEventV1.ProposalSent> announced(ProposalEventV1 event) {
        return event instanceof ProposalEventV1.ProposalSent sent ? Optional.of(sent) : Optional.empty();
    }

    /**
     * @param bookingKnown whether this service has the proposal's booking (and so its recipient)
     * @param waitingSince when this service first received the proposal
     */
    static Decision decide(boolean bookingKnown, Instant waitingSince, Instant now, Duration orphanWait) {
        if (bookingKnown) {
            return Decision.ANNOUNCE;
        }
        return now.isBefore(waitingSince.plus(orphanWait)) ? Decision.WAIT : Decision.DEAD_LETTER;
    }

    static String deadLetterReason(ProposalEventV1.ProposalSent sent, Duration orphanWait) {
        return "proposal " + sent.proposalId() + " of booking " + sent.bookingId() + ", which this service has not seen"
                + " within " + orphanWait + ": no recipient; replay it once the booking's events are in";
    }

    /** The proposal as its email shows it, with the frontend link where the client reads and answers it. */
    static EmailJob.ProposalSummary summary(ProposalEventV1.ProposalSent sent, String appUrl) {
        String price = sent.price() == null ? null : String.format(Locale.ENGLISH, "%,.2f", sent.price());
        return new EmailJob.ProposalSummary(sent.title(), price, sent.currency(), sent.validUntil(),
                appUrl + "/consultations/" + sent.bookingId() + "/proposals/" + sent.proposalId());
    }
}
