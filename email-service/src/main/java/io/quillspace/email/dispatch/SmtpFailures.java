package io.quillspace.email.dispatch;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

/** Tells an SMTP server that cannot be reached at all from one that answered and refused. */
final class SmtpFailures {

    private SmtpFailures() {
    }

    /** True when no SMTP conversation took place: the attempt says nothing about the message and is not counted. */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof ClosedChannelException) {
                return true;
            }
            String message = cause.getMessage();
            if (message != null && (message.contains("Connection refused") || message.contains("connection timed out")
                    || message.contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
