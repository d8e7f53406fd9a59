package io.quillspace.booking.common;

/** A request the consultation's current state does not allow (409): the reason says why, as a stable problem type. */
public class ConsultationConflict extends RuntimeException {

    /** Why; {@link #slug()} names the problem type clients switch on. */
    public enum Reason {
        PROPOSAL_EXPIRED("proposal-expired", "The proposal has expired"),
        PROPOSAL_DECLINED("proposal-declined", "The proposal was declined"),
        PROPOSAL_SUPERSEDED("proposal-superseded", "A newer proposal replaced this one"),
        ANOTHER_PROPOSAL_ACCEPTED("another-proposal-accepted", "Another proposal of this consultation was accepted"),
        PROPOSAL_ACCEPTED("proposal-accepted", "The proposal was accepted"),
        PROPOSAL_NOT_DRAFT("proposal-not-draft", "Only a draft can be changed"),
        PROPOSAL_EDITED_CONCURRENTLY("proposal-edited-concurrently", "The proposal changed since you read it"),
        CONSULTATION_RESCHEDULED("consultation-rescheduled", "The consultation was moved to a new booking");

        private final String slug;
        private final String title;

        Reason(String slug, String title) {
            this.slug = slug;
            this.title = title;
        }

        public String slug() {
            return slug;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;

    public ConsultationConflict(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
