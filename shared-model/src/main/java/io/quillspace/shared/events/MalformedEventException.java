package io.quillspace.shared.events;

/** A record value that is not the contract it claims to be; a consumer dead-letters it with this message. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
