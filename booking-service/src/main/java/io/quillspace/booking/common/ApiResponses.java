package io.quillspace.booking.common;

/**
 * The conflicts this API's operations document; the problem responses every API shares come from shared-model's
 * {@code ProblemResponsesFilter}.
 */
public final class ApiResponses {

    public static final String CONFLICT = "The consultation's state does not allow this; `type` says why "
            + "(proposal-expired, proposal-declined, proposal-superseded, another-proposal-accepted, proposal-accepted, "
            + "proposal-not-draft, proposal-edited-concurrently, consultation-rescheduled)";

    private ApiResponses() {
    }
}
