package io.quillspace.infra.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quillspace.infra.SmtpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local SMTP server's inbox at {@code http://127.0.0.1:<port>/}, as Mailpit shows one: every message received with
 * links to its HTML part ({@code /messages/<n>.html}), its text part ({@code .txt}) and its raw source ({@code .eml}).
 */
public final class MailViewer implements AutoCloseable {

    private static final Pattern MESSAGE = Pattern.compile("/messages/(\\d+)\\.(html|txt|eml)");
    /** A message's HTML is shown as it would be in a mail client: no scripts, no forms, nothing it can reach. */
    private static final String SANDBOX = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    private final HttpServer server;

    private MailViewer(HttpServer server) {
        this.server = server;
    }

    public static MailViewer start(SmtpServer smtp, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/", exchange -> serve(exchange, smtp.receivedMessages()));
            server.start();
            return new MailViewer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void serve(HttpExchange exchange, List<MimeMessage> messages) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/")) {
            respond(exchange, 200, "text/html; charset=utf-8", index(messages));
            return;
        }
        Matcher matcher = MESSAGE.matcher(path);
        int number = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
        if (number < 1 || number > messages.size()) {
            respond(exchange, 404, "text/plain; charset=utf-8", "no such message\n");
            return;
        }
        MimeMessage message = messages.get(number - 1);
        switch (matcher.group(2)) {
            case "html" -> {
                String html = part(message, "text/html");
                if (html == null) {
                    respond(exchange, 404, "text/plain; charset=utf-8", "this message has no HTML part\n");
                } else {
                    exchange.getResponseHeaders().set("Content-Security-Policy", SANDBOX);
                    respond(exchange, 200, "text/html; charset=utf-8", html);
                }
            }
            case "txt" -> respond(exchange, 200, "text/plain; charset=utf-8", describe(message));
            default -> respond(exchange, 200, "text/plain; charset=utf-8", source(message));
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static String index(List<MimeMessage> messages) {
        StringBuilder page = new StringBuilder("<!doctype html><meta charset=\"utf-8\"><title>QuillSpace mail</title>")
                .append("<h1>").append(messages.size()).append(" message(s) received</h1><table>")
                .append("<tr><th>#</th><th>To</th><th>Subject</th><th></th></tr>");
        for (int i = 0; i < messages.size(); i++) {
            int number = i + 1;
            MimeMessage message = messages.get(i);
            page.append("<tr><td>").append(number).append("</td><td>").append(escape(recipients(message)))
                    .append("</td><td>").append(escape(subject(message))).append("</td><td>");
            if (part(message, "text/html") != null) {
                page.append("<a href=\"/messages/").append(number).append(".html\">HTML</a> ");
            }
            page.append("<a href=\"/messages/").append(number).append(".txt\">text</a> ")
                    .append("<a href=\"/messages/").append(number).append(".eml\">source</a></td></tr>");
        }
        return page.append("</table>").toString();
    }

    /** Headers that matter and the text body of one message. */
    public static String describe(MimeMessage message) {
        try {
            return "To: " + recipients(message)
                    + "\nFrom: " + message.getFrom()[0]
                    + "\nSubject: " + message.getSubject()
                    + "\n\n" + SmtpServer.textOf(message) + "\n";
        } catch (MessagingException | RuntimeException e) {
            return "(unreadable message: " + e.getMessage() + ")\n";
        }
    }

    /** The message exactly as the SMTP server received it: headers, MIME boundaries, encoded parts. */
    static String source(MimeMessage message) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            return raw.toString(StandardCharsets.UTF_8);
        } catch (MessagingException | IOException e) {
            return "(unreadable message: " + e.getMessage() + ")\n";
        }
    }

    private static String part(MimeMessage message, String mimeType) {
        try {
            return SmtpServer.partOf(message, mimeType);
        } catch (IllegalArgumentException absent) {
            return null;
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return String.join(", ", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList());
        } catch (MessagingException e) {
            return "?";
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (MessagingException e) {
            return "?";
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
