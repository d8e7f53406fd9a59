package io.quillspace.project.rest;

/**
 * The conflicts this API's operations document; the problem responses every API shares come from shared-model's
 * {@code ProblemResponsesFilter}.
 */
final class ApiResponses {

    static final String CONFLICT = "The status cannot change that way: `type` is transition-not-allowed (`allowed` "
            + "names the statuses it may move to) or project-not-open (the project is on hold, completed or cancelled)";

    private ApiResponses() {
    }
}
