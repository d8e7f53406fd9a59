package io.quillspace.ingress.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The state of a studio's webhook subscription: the one among the organization's subscriptions whose callback URL is
 * this studio's. Several may point there (rotation, a failed recreate); an active one wins.
 *
 * @param subscription   the subscription's URI, null when missing
 * @param retryStartedAt when Calendly began retrying failed deliveries to it (it disables the subscription 24 h later)
 */
public record SubscriptionState(String studio, Status status, String subscription, Instant retryStartedAt,
                                Instant checkedAt) {

    public enum Status {
        ACTIVE, DISABLED, MISSING;

        public String tag() {
            return name().toLowerCase();
        }
    }

    public boolean up() {
        return status == Status.ACTIVE;
    }

    /** Reads the state from the organization's subscriptions as Calendly lists them. */
    static SubscriptionState of(String studio, String callbackUrl, List<JsonNode> subscriptions, Instant checkedAt) {
        JsonNode chosen = null;
        for (JsonNode subscription : subscriptions) {
            if (!callbackUrl.equals(subscription.path("callback_url").asText())) {
                continue;
            }
            if (chosen == null || "active".equals(subscription.path("state").asText())) {
                chosen = subscription;
            }
        }
        if (chosen == null) {
            return new SubscriptionState(studio, Status.MISSING, null, null, checkedAt);
        }
        Status status = "active".equals(chosen.path("state").asText()) ? Status.ACTIVE : Status.DISABLED;
        return new SubscriptionState(studio, status, chosen.path("uri").asText(null),
                instant(chosen.path("retry_started_at")), checkedAt);
    }

    private static Instant instant(JsonNode text) {
        try {
            return text.isTextual() ? Instant.parse(text.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
