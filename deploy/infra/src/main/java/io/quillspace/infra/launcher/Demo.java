package io.quillspace.infra.launcher;

import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.SmtpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One real booking through the running fleet: a signed Calendly delivery in, a confirmation email out. */
public final class Demo {

    /** The invitee of {@code invitee.created.json}. */
    public static final String INVITEE_EMAIL = "maria.lopez@example.org";

    private Demo() {
    }

    /** Posts {@code invitee.created.json}, signed now with the demo key, to webhook-ingress; returns the HTTP status. */
    public static int postSignedBooking(Fleet fleet) throws IOException, InterruptedException {
        return postSignedBooking(fleet, null);
    }

    /** As above, within the trace a W3C {@code traceparent} names (none if null), as a traced caller would. */
    public static int postSignedBooking(Fleet fleet, String traceparent) throws IOException, InterruptedException {
        return postSigned(fleet, "invitee.created.json", traceparent);
    }

    /** Posts a Calendly fixture, signed now with the demo key, to webhook-ingress; returns the HTTP status. */
    public static int postSigned(Fleet fleet, String fixture, String traceparent) throws IOException, InterruptedException {
        byte[] body = CalendlyFixtures.body(fixture);
        HttpRequest.Builder request = HttpRequest.newBuilder(fleet.url(FleetService.WEBHOOK_INGRESS, "/webhooks/calendly"))
                .header("Content-Type", "application/json")
                .header("Calendly-Webhook-Signature",
                        CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY, Instant.now(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The first message the SMTP server received for {@code recipient}, waiting up to {@code timeout}. */
    public static Optional<MimeMessage> awaitMessageTo(SmtpServer smtp, String recipient, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage message : smtp.receivedMessages()) {
                if (isTo(message, recipient)) {
                    return Optional.of(message);
                }
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    private static boolean isTo(MimeMessage message, String recipient) {
        try {
            var recipients = message.getAllRecipients();
            return recipients != null && recipients.length > 0 && recipient.equalsIgnoreCase(recipients[0].toString());
        } catch (MessagingException e) {
            return false;
        }
    }
}
