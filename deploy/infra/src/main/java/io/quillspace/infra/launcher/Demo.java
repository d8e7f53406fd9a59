package io.quillspace.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.SmtpServer;
import io.quillspace.shared.identity.UserIds;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consultation business through the running fleet: a signed Calendly delivery in, a confirmation email out; then
 * the client's brief, the studio's proposal, the client's acceptance, and the project with its kickoff email.
 */
public final class Demo {

    /** The invitee of {@code invitee.created.json}. */
    public static final String INVITEE_EMAIL = "maria.lopez@example.org";
    /** The demo studio's admin. */
    public static final UUID ADMIN = UUID.fromString("0a6f2d3e-1b4c-4d5e-8f70-9a1b2c3d4e5f");
    /** The demo client: the invitee, as booking-service names users. */
    public static final UUID CLIENT = UserIds.forEmail(Fleet.DEMO_TENANT, INVITEE_EMAIL);

    /** The fixture's meeting (Saturday 14 March 2026, 10:00 in Madrid). */
    private static final Instant FIXTURE_MEETING = Instant.parse("2026-03-14T09:00:00Z");
    /**
     * The demo books the fixture's meeting whole 52-week steps later, so it stays ahead of today (email-service sends
     * no confirmation for a meeting already begun) on the same weekday and time of day.
     */
    public static final Duration MEETING_SHIFT = Duration.ofDays(364 * Math.max(0,
            Math.floorDiv(ChronoUnit.DAYS.between(FIXTURE_MEETING, Instant.now().plus(Duration.ofDays(7))), 364) + 1));
    /** When the demo's booked meeting starts. */
    public static final Instant MEETING_START = FIXTURE_MEETING.plus(MEETING_SHIFT);
    private static final Pattern MEETING_TIMES = Pattern.compile("\"(start_time|end_time)\":\"([^\"]+)\"");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Demo() {
    }

    /** Posts {@code invitee.created.json}, signed now with the demo key, to webhook-ingress; returns the HTTP status. */
    public static int postSignedBooking(Fleet fleet) throws IOException, InterruptedException {
        return postSignedBooking(fleet, null);
    }

    /** As above, within the trace a W3C {@code traceparent} names (none if null), as a traced caller would. */
    public static int postSignedBooking(Fleet fleet, String traceparent) throws IOException, InterruptedException {
        String fixture = new String(CalendlyFixtures.body("invitee.created.json"), StandardCharsets.UTF_8);
        String booked = MEETING_TIMES.matcher(fixture).replaceAll(time -> Matcher.quoteReplacement("\"" + time.group(1)
                + "\":\"" + Instant.parse(time.group(2)).plus(MEETING_SHIFT) + "\""));
        return postSigned(fleet, booked.getBytes(StandardCharsets.UTF_8), traceparent);
    }

    /** Posts a Calendly fixture, signed now with the demo key, to webhook-ingress; returns the HTTP status. */
    public static int postSigned(Fleet fleet, String fixture, String traceparent) throws IOException, InterruptedException {
        return postSigned(fleet, CalendlyFixtures.body(fixture), traceparent);
    }

    private static int postSigned(Fleet fleet, byte[] body, String traceparent) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(fleet.url(FleetService.WEBHOOK_INGRESS, "/webhooks/calendly"))
                .header("Content-Type", "application/json")
                .header("Calendly-Webhook-Signature",
                        CalendlyFixtures.signatureHeader(CalendlyFixtures.TEST_SIGNING_KEY, Instant.now(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * After {@link #postSignedBooking}: the client submits a brief for the booked consultation, the admin sends a
     * two-phase proposal, the client accepts it. Returns the project project-service started from it, waiting up to
     * {@code timeout} for it to appear.
     */
    public static JsonNode acceptAProposal(Fleet fleet, Duration timeout) throws IOException, InterruptedException {
        String client = DevTokens.token(Fleet.DEMO_TENANT, CLIENT, "user");
        String admin = DevTokens.token(Fleet.DEMO_TENANT, ADMIN, "admin");
        String booking = call(fleet, FleetService.BOOKING, "GET", "/consultations", client, null, 200)
                .path("items").path(0).path("id").asText();
        call(fleet, FleetService.BOOKING, "PUT", "/consultations/" + booking + "/brief", client, Map.of(
                "projectName", "The Salt Road", "genre", "Literary fiction", "manuscriptWordCount", 92_000,
                "budgetMin", 3_000, "budgetMax", 6_000, "desiredStartDate", LocalDate.now().plusDays(14).toString(),
                "goals", "A tighter second half", "contactEmail", INVITEE_EMAIL), 200);
        String proposal = call(fleet, FleetService.BOOKING, "POST", "/consultations/" + booking + "/proposals", admin,
                Map.of("title", "Developmental edit", "scopeOfWork", "Structure, pacing and line work",
                        "phases", List.of(
                                Map.of("order", 1, "name", "Assessment", "estimatedDays", 14,
                                        "deliverables", List.of("Editorial letter")),
                                Map.of("order", 2, "name", "Line edit", "estimatedDays", 30,
                                        "deliverables", List.of("Edited manuscript"))),
                        "price", 4500.00, "currency", "EUR",
                        "validUntil", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString()),
                201).path("id").asText();
        call(fleet, FleetService.BOOKING, "POST", "/proposals/" + proposal + "/send", admin, null, 200);
        call(fleet, FleetService.BOOKING, "POST", "/proposals/" + proposal + "/accept", client, null, 200);

        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode projects = call(fleet, FleetService.PROJECT, "GET", "/projects", client, null, 200);
            if (projects.path("total").asLong() > 0) {
                String id = projects.path("items").path(0).path("id").asText();
                return call(fleet, FleetService.PROJECT, "GET", "/projects/" + id, client, null, 200);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no project started within " + timeout + " of the acceptance");
    }

    /** The sample the client attaches to the demo brief. */
    public static final byte[] MANUSCRIPT = """
            The Salt Road

            Chapter One

            The tide came over the causeway at four, and by five the island was an island again.
            """.getBytes(StandardCharsets.UTF_8);

    /**
     * After {@link #acceptAProposal}: the client attaches {@link #MANUSCRIPT} to the brief (declared, uploaded straight
     * to the object store through the presigned URL, completed), and the studio's admin reads it back. Returns the file
     * as the admin sees it, with its presigned {@code download.url}.
     */
    public static JsonNode attachManuscript(Fleet fleet) throws IOException, InterruptedException {
        String client = DevTokens.token(Fleet.DEMO_TENANT, CLIENT, "user");
        String admin = DevTokens.token(Fleet.DEMO_TENANT, ADMIN, "admin");
        String files = "/consultations/" + call(fleet, FleetService.BOOKING, "GET", "/consultations", client, null, 200)
                .path("items").path(0).path("id").asText() + "/brief/files";
        JsonNode upload = call(fleet, FleetService.BOOKING, "POST", files, client, Map.of("fileName",
                "The Salt Road - chapter one.txt", "contentType", "text/plain", "size", MANUSCRIPT.length), 201);
        HttpRequest.Builder put = HttpRequest.newBuilder(java.net.URI.create(upload.path("url").asText()))
                .method(upload.path("method").asText(), HttpRequest.BodyPublishers.ofByteArray(MANUSCRIPT));
        // The client sets Content-Length from the body itself, as a browser does.
        upload.path("headers").fields().forEachRemaining(header -> {
            if (!header.getKey().equalsIgnoreCase("Content-Length")) {
                put.header(header.getKey(), header.getValue().asText());
            }
        });
        int stored = HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (stored != 200) {
            throw new IllegalStateException("the object store answered the upload " + stored);
        }
        String file = files + "/" + upload.path("fileId").asText();
        call(fleet, FleetService.BOOKING, "POST", file + "/complete", client, null, 200);
        return call(fleet, FleetService.BOOKING, "GET", file, admin, null, 200);
    }

    /** A JSON request to a service of the fleet with a bearer token; fails unless it answers {@code expected}. */
    private static JsonNode call(Fleet fleet, FleetService service, String method, String path, String token,
                                 Object body, int expected) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(fleet.url(service, path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** The first message the SMTP server received for {@code recipient}, waiting up to {@code timeout}. */
    public static Optional<MimeMessage> awaitMessageTo(SmtpServer smtp, String recipient, Duration timeout)
            throws InterruptedException {
        return awaitMessageTo(smtp, recipient, "", timeout);
    }

    /** The first message for {@code recipient} whose subject contains {@code subjectPart}, waiting up to {@code timeout}. */
    public static Optional<MimeMessage> awaitMessageTo(SmtpServer smtp, String recipient, String subjectPart,
                                                       Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage message : smtp.receivedMessages()) {
                if (isTo(message, recipient) && subjectOf(message).contains(subjectPart)) {
                    return Optional.of(message);
                }
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            return "";
        }
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
