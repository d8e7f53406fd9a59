package io.quillspace.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;

import java.util.List;

/** A real SMTP server (GreenMail) that keeps what it receives so tests and the demo can read it. */
public final class SmtpServer implements AutoCloseable {

    private final GreenMail greenMail;
    /** Messages received before a restart, which GreenMail forgets. */
    private final List<MimeMessage> received = new java.util.ArrayList<>();

    private SmtpServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts on {@code port} (0 picks a free one). */
    public static SmtpServer start(int port) {
        GreenMail greenMail = new GreenMail(new ServerSetup(Ports.freeIfZero(port), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new SmtpServer(greenMail);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Accepts SMTP AUTH as {@code login}: a client with credentials (a production mailer) must be known. */
    public void acceptLogin(String login, String password) {
        greenMail.setUser(login + "@" + host(), login, password);
    }

    /** Stops accepting connections, as an outage would; messages received so far are kept. */
    public synchronized void stop() {
        received.addAll(List.of(greenMail.getReceivedMessages()));
        greenMail.stop();
    }

    /** Accepts connections again after {@link #stop()}, on the same port. */
    public synchronized void restart() {
        greenMail.start();
    }

    public synchronized List<MimeMessage> receivedMessages() {
        List<MimeMessage> all = new java.util.ArrayList<>(received);
        all.addAll(List.of(greenMail.getReceivedMessages()));
        return List.copyOf(all);
    }

    /**
     * Waits until the server has received {@code count} messages since it (re)started, woken by the server itself at
     * each one rather than by polling; false if the time ran out.
     */
    public boolean awaitReceived(int count, java.time.Duration timeout) {
        return greenMail.waitForIncomingEmail(timeout.toMillis(), count);
    }

    /** The text/plain part of a message (or its whole content if it is plain text), decoded. */
    public static String textOf(MimeMessage message) {
        return partOf(message, "text/plain");
    }

    /**
     * The decoded content of the message's first part of this MIME type (or of the whole message if it is of it),
     * however deep multipart nesting puts it.
     */
    public static String partOf(MimeMessage message, String mimeType) {
        try {
            String found = message.isMimeType(mimeType) ? decoded(message.getContent()) : find(message.getContent(), mimeType);
            if (found == null) {
                throw new IllegalArgumentException("message has no " + mimeType + " part");
            }
            return found;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable message", e);
        }
    }

    private static String find(Object content, String mimeType) throws MessagingException, IOException {
        if (!(content instanceof MimeMultipart parts)) {
            return null;
        }
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            String found = part.isMimeType(mimeType) ? decoded(part.getContent()) : find(part.getContent(), mimeType);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String decoded(Object content) throws IOException {
        if (content instanceof String text) {
            return text;
        }
        return new String(((java.io.InputStream) content).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
