package io.quillspace.shared.messaging;

/** A record that can never be processed as it is: not retried, sent to the dead-letter topic with this message. */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnprocessableEventException(String message) {
        super(message);
    }
}
