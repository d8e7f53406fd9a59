package io.quillspace.infra.launcher;

import com.sun.net.httpserver.HttpServer;
import io.quillspace.infra.SmtpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A plain-text page at {@code http://127.0.0.1:<port>/} listing every email the local SMTP server received. */
public final class MailViewer implements AutoCloseable {

    private final HttpServer server;

    private MailViewer(HttpServer server) {
        this.server = server;
    }

    public static MailViewer start(SmtpServer smtp, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/", exchange -> {
                byte[] page = render(smtp.receivedMessages()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            server.start();
            return new MailViewer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(List<MimeMessage> messages) {
        StringBuilder page = new StringBuilder(messages.size() + " message(s) received\n");
        for (MimeMessage message : messages) {
            page.append("\n==========\n").append(describe(message));
        }
        return page.toString();
    }

    /** Headers that matter and the text body of one message. */
    public static String describe(MimeMessage message) {
        try {
            return "To: " + String.join(", ", java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList())
                    + "\nFrom: " + message.getFrom()[0]
                    + "\nSubject: " + message.getSubject()
                    + "\n\n" + SmtpServer.textOf(message) + "\n";
        } catch (MessagingException e) {
            return "(unreadable message: " + e.getMessage() + ")\n";
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
