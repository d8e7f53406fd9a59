package io.quillspace.booking.rest;

import io.quillspace.shared.problem.ProblemResponses;

/** Descriptions of the problem responses this API's operations document; the fleet's common ones are shared. */
final class ApiResponses {

    static final String PROBLEM = ProblemResponses.MEDIA_TYPE;
    static final String INVALID = ProblemResponses.INVALID;
    static final String UNAUTHORIZED = ProblemResponses.UNAUTHORIZED;
    static final String FORBIDDEN = ProblemResponses.FORBIDDEN;
    static final String NOT_FOUND = "No such consultation or proposal for the caller (another user's or tenant's "
            + "ids are absent too)";
    static final String CONFLICT = "The consultation's state does not allow this; `type` says why "
            + "(proposal-expired, proposal-declined, proposal-superseded, another-proposal-accepted, proposal-accepted, "
            + "proposal-not-draft, proposal-edited-concurrently, consultation-rescheduled)";

    private ApiResponses() {
    }
}
