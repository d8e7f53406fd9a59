package io.quillspace.shared.problem;

/** Descriptions of the problem responses every API documents in its OpenAPI operations, said once. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = Problem.MEDIA_TYPE;
    public static final String INVALID = "Invalid request: one problem listing every offending field in `errors`";
    public static final String UNAUTHORIZED = "No valid bearer token (missing, expired, wrong issuer, audience or "
            + "signature, no tenant claim)";
    public static final String FORBIDDEN = "The token's role may not do this";

    private ProblemResponses() {
    }
}
