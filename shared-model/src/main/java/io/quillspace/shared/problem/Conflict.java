package io.quillspace.shared.problem;

import java.util.List;

/**
 * A request the current state of its subject does not allow: 409, answered by {@link ConflictMapper}. The
 * {@link Reason} is the stable problem type clients switch on; a refused status change also names the statuses the
 * subject may move to from where it is.
 */
public class Conflict extends RuntimeException {

    /**
     * Why, as a problem type {@code https://quillspace.io/problems/<slug>}. Each service declares its reasons beside
     * the rules that raise them.
     */
    public record Reason(String slug, String title) {
    }

    private final Reason reason;
    private final List<String> allowed;

    public Conflict(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
        this.allowed = null;
    }

    /** A refused status change; {@code allowed} is empty when nothing may change the subject now. */
    public Conflict(Reason reason, String detail, List<String> allowed) {
        super(detail);
        this.reason = reason;
        this.allowed = List.copyOf(allowed);
    }

    public Reason reason() {
        return reason;
    }

    /** The statuses the subject may move to, as the API spells them; null when the conflict is not a status change. */
    public List<String> allowed() {
        return allowed;
    }
}
