package io.quillspace.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quillspace.infra.testing.CalendlyApiStandIn;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Calendly webhook bodies as Calendly sends them (the invitee with its scheduled event embedded), built from the
 * Calendly API stand-in's objects so the webhook and the API agree on every field.
 */
public final class Deliveries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Deliveries() {
    }

    /** A meeting next week (so every email rule still applies) with one invitee, {@code email}. */
    public static ObjectNode invitee(String tag, int number, String email, Instant now) {
        Instant start = now.plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).plus(number % 50, ChronoUnit.HOURS);
        ObjectNode meeting = CalendlyApiStandIn.scheduledEvent("EVT" + tag + number, "Manuscript consultation (45 min)",
                start, 45, false);
        ObjectNode invitee = CalendlyApiStandIn.invitee(meeting, "INV" + tag + number, email, "Writer " + number,
                "Europe/Madrid", now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
        invitee.set("scheduled_event", meeting);
        return invitee;
    }

    public static byte[] created(ObjectNode invitee) {
        return envelope("invitee.created", invitee);
    }

    /** The invitee canceled {@code minutesLater} after booking. */
    public static byte[] canceled(ObjectNode invitee, int minutesLater) {
        ObjectNode copy = invitee.deepCopy();
        Instant at = Instant.parse(invitee.path("updated_at").asText()).plus(minutesLater, ChronoUnit.MINUTES);
        CalendlyApiStandIn.canceled(copy, at);
        ((ObjectNode) copy.path("scheduled_event")).put("status", "canceled");
        return envelope("invitee.canceled", copy);
    }

    /** Both halves of a reschedule: the old invitee canceled pointing at the new one, the new one created. */
    public static byte[][] rescheduled(ObjectNode old, ObjectNode replacement, int minutesLater) {
        ObjectNode oldCopy = old.deepCopy();
        ObjectNode newCopy = replacement.deepCopy();
        Instant at = Instant.parse(old.path("updated_at").asText()).plus(minutesLater, ChronoUnit.MINUTES);
        newCopy.put("created_at", at.toString()).put("updated_at", at.toString());
        CalendlyApiStandIn.rescheduled(oldCopy, newCopy, at);
        ((ObjectNode) oldCopy.path("scheduled_event")).put("status", "canceled");
        return new byte[][] {envelope("invitee.canceled", oldCopy), envelope("invitee.created", newCopy)};
    }

    /** A no-show marked ({@code created}) or cleared for the invitee. */
    public static byte[] noShow(ObjectNode invitee, boolean created, int minutesLater) {
        Instant at = Instant.parse(invitee.path("updated_at").asText()).plus(minutesLater, ChronoUnit.MINUTES);
        ObjectNode payload = JSON.createObjectNode()
                .put("uri", "https://api.calendly.com/invitee_no_shows/NS" + invitee.path("uri").asText().hashCode())
                .put("invitee", invitee.path("uri").asText())
                .put("created_at", at.toString());
        return envelope(created ? "invitee_no_show.created" : "invitee_no_show.deleted", payload);
    }

    private static byte[] envelope(String event, ObjectNode payload) {
        ObjectNode body = JSON.createObjectNode()
                .put("event", event)
                .put("created_at", Instant.now().toString())
                .put("created_by", "https://api.calendly.com/users/USR1STUDIO");
        body.set("payload", payload);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
