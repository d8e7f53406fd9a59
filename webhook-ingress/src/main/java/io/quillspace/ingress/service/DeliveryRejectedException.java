package io.quillspace.ingress.service;

/**
 * A delivery refused for a stated reason. The message is safe to return to the caller: it names the failed check and
 * never echoes keys or signatures.
 */
public class DeliveryRejectedException extends RuntimeException {

    private final Outcome outcome;

    public DeliveryRejectedException(Outcome outcome, String detail) {
        super(detail, null, false, false);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
