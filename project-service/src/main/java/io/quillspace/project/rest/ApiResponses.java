package io.quillspace.project.rest;

import io.quillspace.shared.problem.ProblemResponses;

/** Descriptions of the problem responses this API's operations document; the fleet's common ones are shared. */
final class ApiResponses {

    static final String PROBLEM = ProblemResponses.MEDIA_TYPE;
    static final String INVALID = ProblemResponses.INVALID;
    static final String UNAUTHORIZED = ProblemResponses.UNAUTHORIZED;
    static final String FORBIDDEN = ProblemResponses.FORBIDDEN;
    static final String NOT_FOUND = "No such project (or phase, deliverable) for the caller: another user's or "
            + "tenant's ids are absent too";
    static final String CONFLICT = "The status cannot change that way: `type` is transition-not-allowed (`allowed` "
            + "names the statuses it may move to) or project-not-open (the project is on hold, completed or cancelled)";

    private ApiResponses() {
    }
}
