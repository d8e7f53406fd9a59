package io.quillspace.shared.messaging;

import java.util.Locale;

/**
 * What a consumer did with a record it acknowledges. Every record ends in one of these or in the dead-letter topic;
 * none is acknowledged by falling through.
 */
public enum RecordOutcome {
    /** Its effects are committed. */
    APPLIED,
    /** Already applied before (same delivery or event id): nothing changed. */
    DUPLICATE,
    /** Older than the state already stored: nothing changed. */
    STALE,
    /** A valid record of a kind this consumer deliberately does not act on. */
    IGNORED,
    /** About a client whose personal data was erased: dropped, so it cannot bring the data back. */
    ERASED;

    /** The value of the {@code outcome} tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
