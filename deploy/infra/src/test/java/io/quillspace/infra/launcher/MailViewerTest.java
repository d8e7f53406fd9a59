package io.quillspace.infra.launcher;

import io.quillspace.infra.SmtpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mail viewer shows what Mailpit would: each message's HTML part, its text part and its raw source. */
class MailViewerTest {

    static SmtpServer smtp;
    static MailViewer viewer;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        smtp = SmtpServer.start(0);
        viewer = MailViewer.start(smtp, 0);
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("studio@quillspace.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("maria.lopez@example.org"));
        message.setSubject("Your consultation <confirmed>");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Dear Maria, see you on Saturday.", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Dear <b>Maria</b>, see you on Saturday.</p>", "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        Transport.send(message);
    }

    @AfterAll
    static void stop() {
        viewer.close();
        smtp.close();
    }

    @Test
    void theInboxListsEachMessageWithLinksToItsPartsAndSource() throws Exception {
        HttpResponse<String> inbox = get("/");

        assertEquals(200, inbox.statusCode());
        assertTrue(inbox.body().contains("maria.lopez@example.org"), inbox.body());
        assertTrue(inbox.body().contains("Your consultation &lt;confirmed&gt;"), "subjects are escaped: " + inbox.body());
        assertTrue(inbox.body().contains("href=\"/messages/1.html\"") && inbox.body().contains("href=\"/messages/1.eml\""),
                inbox.body());
    }

    @Test
    void theHtmlPartIsShownAsHtmlInASandbox() throws Exception {
        HttpResponse<String> html = get("/messages/1.html");

        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(html.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("sandbox"));
        assertEquals("<p>Dear <b>Maria</b>, see you on Saturday.</p>", html.body());
    }

    @Test
    void theRawSourceShowsHeadersAndEveryMimePart() throws Exception {
        String source = get("/messages/1.eml").body();

        assertTrue(source.contains("Subject: Your consultation <confirmed>"), source);
        assertTrue(source.contains("multipart/alternative"), source);
        assertTrue(source.contains("Content-Type: text/html; charset=UTF-8"), source);
        assertTrue(source.contains("Content-Type: text/plain; charset=UTF-8"), source);
    }

    @Test
    void theTextPartIsStillThere() throws Exception {
        assertTrue(get("/messages/1.txt").body().contains("Dear Maria, see you on Saturday."));
    }

    @Test
    void aMessageThatDoesNotExistIsNotFound() throws Exception {
        assertEquals(404, get("/messages/2.html").statusCode());
        assertEquals(404, get("/messages/0.eml").statusCode());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + viewer.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
