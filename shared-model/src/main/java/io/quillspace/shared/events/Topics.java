package io.quillspace.shared.events;

import java.util.List;
import java.util.Map;

/**
 * Kafka topics of the fleet. The name carries the contract version; a breaking change gets a new topic.
 * Channel names in each service's application.properties are these topic names.
 */
public final class Topics {

    /** Verified Calendly deliveries ({@link CalendlyDeliveryV1}), keyed by invitee URI. */
    public static final String CALENDLY_WEBHOOKS = "calendly-webhooks.v1";

    /** Booking lifecycle events ({@link BookingEventV1}), keyed by booking id. */
    public static final String BOOKING_EVENTS = "booking-events.v1";

    /** Project briefs and proposals ({@link ProposalEventV1}), keyed by booking id. */
    public static final String PROPOSAL_EVENTS = "proposal-events.v1";

    /** Project events ({@link ProjectEventV1}), keyed by project id. */
    public static final String PROJECT_EVENTS = "project-events.v1";

    /**
     * Studio registry changes ({@link StudioEventV1}), keyed by studio id; compacted, so the newest record of each
     * studio stays for any new projection to read from the start.
     */
    public static final String STUDIO_EVENTS = "studio-events.v1";

    /**
     * A client's export and erasure requests and the services' export parts ({@link ClientEventV1}), keyed by tenant and
     * user id. Parts carry personal data, so records are kept {@link #CLIENT_EVENTS_RETENTION_MS} only.
     */
    public static final String CLIENT_EVENTS = "client-events.v1";

    /** Seven days: as long as an assembled export is kept, and no longer than an erased client's data may linger. */
    public static final String CLIENT_EVENTS_RETENTION_MS = "604800000";

    /** Records a consumer could not process, with the reason in the {@code dead-letter-reason} header. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /** @param config topic-level settings beyond the broker's defaults, e.g. {@code cleanup.policy=compact} */
    public record Spec(String name, int partitions, Map<String, String> config) {

        public Spec(String name, int partitions) {
            this(name, partitions, Map.of());
        }
    }

    /** Every topic the fleet uses, with its partition count; provisioned explicitly, never auto-created. */
    public static final List<Spec> ALL = List.of(
            new Spec(CALENDLY_WEBHOOKS, 6),
            new Spec(deadLetter(CALENDLY_WEBHOOKS), 1),
            new Spec(BOOKING_EVENTS, 6),
            new Spec(deadLetter(BOOKING_EVENTS), 1),
            new Spec(PROPOSAL_EVENTS, 6),
            new Spec(deadLetter(PROPOSAL_EVENTS), 1),
            new Spec(PROJECT_EVENTS, 6),
            new Spec(deadLetter(PROJECT_EVENTS), 1),
            new Spec(STUDIO_EVENTS, 3, Map.of("cleanup.policy", "compact")),
            new Spec(deadLetter(STUDIO_EVENTS), 1),
            new Spec(CLIENT_EVENTS, 3, Map.of("retention.ms", CLIENT_EVENTS_RETENTION_MS)),
            new Spec(deadLetter(CLIENT_EVENTS), 1, Map.of("retention.ms", CLIENT_EVENTS_RETENTION_MS)));

    private Topics() {
    }
}
