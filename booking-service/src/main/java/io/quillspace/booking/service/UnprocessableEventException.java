package io.quillspace.booking.service;

/** An event that can never be processed as it is; it goes to the dead-letter topic with this message as the reason. */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }

    public UnprocessableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
