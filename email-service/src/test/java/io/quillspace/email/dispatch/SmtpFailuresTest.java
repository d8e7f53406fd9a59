package io.quillspace.email.dispatch;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmtpFailuresTest {

    @Test
    void aServerThatCannotBeReachedIsUnreachable() {
        assertTrue(SmtpFailures.isUnreachable(new RuntimeException(new ConnectException("Connection refused: /127.0.0.1:2525"))));
        assertTrue(SmtpFailures.isUnreachable(new IllegalStateException("Connection refused")));
    }

    @Test
    void aServerThatAnsweredIsNot() {
        assertFalse(SmtpFailures.isUnreachable(new IllegalStateException("550 mailbox unavailable")));
        assertFalse(SmtpFailures.isUnreachable(new java.time.DateTimeException("Invalid ID for region-based ZoneId")));
    }
}
