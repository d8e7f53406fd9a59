package io.quillspace.ingress.service;

/** What became of a delivery; the {@code outcome} tag of {@code calendly_webhooks_total}. */
public enum Outcome {
    ACCEPTED(202),
    IGNORED(202),
    /** Verified, but its studio is suspended: answered 2xx so Calendly keeps the subscription, and not published. */
    SUSPENDED(202),
    UNAUTHORIZED(401),
    STALE(401),
    TOO_LARGE(413),
    LENGTH_REQUIRED(411),
    UNSUPPORTED_MEDIA_TYPE(415),
    BAD_REQUEST(400),
    UNKNOWN_TENANT(404),
    UNAVAILABLE(503);

    private final int status;

    Outcome(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String tag() {
        return name().toLowerCase();
    }
}
