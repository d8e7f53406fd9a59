package io.quillspace.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quillspace.infra.FleetService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** What a studio and its client do through the APIs, for scenarios that need real data to aim at. */
final class Journeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Journeys() {
    }

    /** A signed booking for {@code email}; returns the booking id once booking-service stored it. */
    static String book(FaultFleet fleet, String studio, String tag, int number, String email) {
        var invitee = Deliveries.invitee(tag, number, email, Instant.now());
        require(202, fleet.deliver(studio, Deliveries.created(invitee)), "booking " + email);
        await().atMost(Duration.ofSeconds(60)).until(() -> !bookingIds(fleet, invitee.path("uri").asText()).isEmpty());
        return bookingIds(fleet, invitee.path("uri").asText()).get(0);
    }

    private static List<String> bookingIds(FaultFleet fleet, String inviteeUri) {
        return fleet.ledger().sql("booking", "select id::text from consultation_bookings where invitee_uri = ?", inviteeUri)
                .stream().map(row -> row.get(0)).toList();
    }

    static Map<String, Object> brief(String email) {
        return Map.of("projectName", "The Salt Road", "genre", "Literary fiction", "manuscriptWordCount", 92_000,
                "budgetMin", 3_000, "budgetMax", 6_000, "desiredStartDate", LocalDate.now().plusDays(14).toString(),
                "goals", "A tighter second half", "contactEmail", email);
    }

    static Map<String, Object> proposal() {
        return Map.of("title", "Developmental edit", "scopeOfWork", "Structure, pacing and line work",
                "phases", List.of(Map.of("order", 1, "name", "Assessment", "estimatedDays", 14,
                        "deliverables", List.of("Editorial letter"))),
                "price", 4500.00, "currency", "EUR",
                "validUntil", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Brief, proposal sent and accepted; returns the proposal id. */
    static String proposeAndAccept(FaultFleet fleet, String studio, String email, String booking) {
        String client = FaultFleet.client(studio, email);
        String admin = FaultFleet.admin(studio);
        expect(fleet.call(FleetService.BOOKING, "PUT", "/consultations/" + booking + "/brief", client, brief(email)), 200);
        String proposal = json(expect(fleet.call(FleetService.BOOKING, "POST", "/consultations/" + booking + "/proposals",
                admin, proposal()), 201)).path("id").asText();
        expect(fleet.call(FleetService.BOOKING, "POST", "/proposals/" + proposal + "/send", admin, null), 200);
        expect(fleet.call(FleetService.BOOKING, "POST", "/proposals/" + proposal + "/accept", client, null), 200);
        return proposal;
    }

    /** The project project-service started from the booking, once it exists. */
    static String project(FaultFleet fleet, String booking) {
        await().atMost(Duration.ofSeconds(60)).until(() -> fleet.ledger()
                .count("project", "select count(*) from projects where booking_id = ?::uuid", booking) > 0);
        return fleet.ledger().sql("project", "select id::text from projects where booking_id = ?::uuid", booking)
                .get(0).get(0);
    }

    /** One of the booking's email jobs, once email-service created it. */
    static String emailJob(FaultFleet fleet, String booking) {
        await().atMost(Duration.ofSeconds(60)).until(() -> fleet.ledger()
                .count("email", "select count(*) from email_jobs where booking_id = ?::uuid", booking) > 0);
        return fleet.ledger().sql("email", "select id::text from email_jobs where booking_id = ?::uuid limit 1", booking)
                .get(0).get(0);
    }

    /** Waits until every consumer caught up, both outboxes are empty and no email is due: what a request set off is done. */
    static void awaitSettled(FaultFleet fleet, Duration atMost) {
        Ledger ledger = fleet.ledger();
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> ledger.lag() == 0
                && ledger.outboxBacklog() == 0 && ledger.count("email", "select count(*) from email_jobs"
                + " where status = 'PENDING' and scheduled_for <= now()") == 0);
    }

    /** Waits until every consumer caught up, both outboxes are empty and the SMTP server received nothing for 3 s. */
    static void awaitQuiet(FaultFleet fleet, Duration atMost) {
        Ledger ledger = fleet.ledger();
        int[] messages = {-1};
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            boolean settled = ledger.lag() == 0 && ledger.outboxBacklog() == 0
                    && ledger.count("email", "select count(*) from email_jobs where status = 'PENDING'"
                    + " and scheduled_for <= now()") == 0;
            int now = ledger.messageCount();
            boolean stable = now == messages[0];
            messages[0] = now;
            return settled && stable;
        });
    }

    static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " instead of " + status + ": " + response.body());
        }
        return response;
    }

    private static void require(int expected, int status, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + " answered " + status + " instead of " + expected);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
