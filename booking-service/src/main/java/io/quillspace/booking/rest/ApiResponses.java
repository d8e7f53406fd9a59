package io.quillspace.booking.rest;

import io.quillspace.shared.problem.Problem;

/** Descriptions of the problem responses the API's operations document, said once. */
final class ApiResponses {

    static final String PROBLEM = Problem.MEDIA_TYPE;
    static final String INVALID = "Invalid request: one problem listing every offending field in `errors`";
    static final String UNAUTHORIZED = "No valid bearer token (missing, expired, wrong issuer, audience or signature, "
            + "no tenant claim)";
    static final String FORBIDDEN = "The token's role may not do this";
    static final String NOT_FOUND = "No such consultation or proposal for the caller (another user's or tenant's "
            + "ids are absent too)";
    static final String CONFLICT = "The consultation's state does not allow this; `type` says why "
            + "(proposal-expired, proposal-declined, proposal-superseded, another-proposal-accepted, proposal-accepted, "
            + "proposal-not-draft, proposal-edited-concurrently, consultation-rescheduled)";

    private ApiResponses() {
    }
}
