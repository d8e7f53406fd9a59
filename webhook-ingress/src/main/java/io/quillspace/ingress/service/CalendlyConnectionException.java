package io.quillspace.ingress.service;

/** Why a studio's Calendly connection was refused; each kind leaves as its own problem type (rest/CalendlyProblemMappers). */
public abstract class CalendlyConnectionException extends RuntimeException {

    CalendlyConnectionException(String message) {
        super(message);
    }

    /** The token is malformed, or Calendly does not take it. */
    public static class InvalidToken extends CalendlyConnectionException {
        InvalidToken() {
            super("Calendly does not accept this personal access token, or it names no user and organization");
        }
    }

    /** The token's user may not create organization-scope webhook subscriptions. */
    public static class NotAnAdmin extends CalendlyConnectionException {
        NotAnAdmin(String role) {
            super("the token's Calendly user is " + (role == null ? "not a member of its organization" : "a " + role)
                    + "; organization webhook subscriptions need an admin or owner");
        }
    }

    /** The studio has no Calendly connection yet: connect it first. */
    public static class NotConnected extends CalendlyConnectionException {
        NotConnected() {
            super("the studio has no Calendly connection; connect it with PUT /studios/{id}/calendly first");
        }
    }
}
