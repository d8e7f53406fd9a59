package io.quillspace.ingress.client;

/** A Calendly call that failed for good (after the retries its failure allowed). */
public class CalendlyApiException extends RuntimeException {

    private final Integer status;

    CalendlyApiException(String operation, Integer status, Throwable cause) {
        super("Calendly " + operation + " failed" + (status == null ? ": " + cause : " with HTTP " + status), cause);
        this.status = status;
    }

    /** Calendly's answer, or null when there was none (timeout, connection). */
    public Integer status() {
        return status;
    }
}
