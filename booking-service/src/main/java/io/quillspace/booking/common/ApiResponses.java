package io.quillspace.booking.common;

import io.quillspace.shared.problem.ProblemResponses;

/** Descriptions of the problem responses this API's operations document; the fleet's common ones are shared. */
public final class ApiResponses {

    public static final String PROBLEM = ProblemResponses.MEDIA_TYPE;
    public static final String INVALID = ProblemResponses.INVALID;
    public static final String UNAUTHORIZED = ProblemResponses.UNAUTHORIZED;
    public static final String FORBIDDEN = ProblemResponses.FORBIDDEN;
    public static final String NOT_FOUND = "No such consultation or proposal for the caller (another user's or tenant's "
            + "ids are absent too)";
    public static final String CONFLICT = "The consultation's state does not allow this; `type` says why "
            + "(proposal-expired, proposal-declined, proposal-superseded, another-proposal-accepted, proposal-accepted, "
            + "proposal-not-draft, proposal-edited-concurrently, consultation-rescheduled)";

    private ApiResponses() {
    }
}
