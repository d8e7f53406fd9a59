package io.quillspace.faults;

import io.quillspace.infra.FleetService;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 6: a malformed and a wrong-schema record written straight onto every consumed topic, each followed by a
 * real record of the same key. Each poison must land on its topic's DLQ with a reason (once per consuming group), and
 * the real record after it must be applied.
 */
final class Poison implements Scenario {

    static final String NAME = "6 poison";
    /** Consumer groups per topic: proposal-events.v1 is read by email-service and project-service. */
    private static final Map<String, Integer> GROUPS = Map.of(Topics.CALENDLY_WEBHOOKS, 1, Topics.BOOKING_EVENTS, 1,
            Topics.PROPOSAL_EVENTS, 2, Topics.PROJECT_EVENTS, 1);
    private static final Map<String, String> EVENT_TYPES = Map.of(Topics.CALENDLY_WEBHOOKS, "invitee.created",
            Topics.BOOKING_EVENTS, "booking.created", Topics.PROPOSAL_EVENTS, "brief.submitted",
            Topics.PROJECT_EVENTS, "project.kicked-off");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Outcome> run(FaultFleet fleet) {
        String tag = "p" + Long.toString(System.nanoTime() % 1_000_000, 36);
        String email = "poison-" + tag + "@example.org";
        var invitee = Deliveries.invitee(tag, 1, email, Instant.now());
        String inviteeUri = invitee.path("uri").asText();
        List<Outcome> outcomes = new ArrayList<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.infrastructure().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            // calendly-webhooks.v1, keyed by invitee URI: poison first, then the invitee's real booking.
            poison(producer, Topics.CALENDLY_WEBHOOKS, inviteeUri);
            int status = fleet.deliver(FaultFleet.STUDIO, Deliveries.created(invitee));
            await().atMost(Duration.ofSeconds(60)).until(() -> fleet.ledger()
                    .count("booking", "select count(*) from consultation_bookings where invitee_uri = ?", inviteeUri) == 1);
            String booking = fleet.ledger().sql("booking", "select id::text from consultation_bookings where invitee_uri = ?",
                    inviteeUri).get(0).get(0);
            outcomes.add(Outcome.check(NAME + " — " + Topics.CALENDLY_WEBHOOKS + " then the same key",
                    "2 poison records, then a signed invitee.created (HTTP " + status + ")",
                    "the booking is stored", "1 booking", true));

            // booking-events.v1 and proposal-events.v1 keyed by the booking id, then real events of that booking.
            poison(producer, Topics.BOOKING_EVENTS, booking);
            poison(producer, Topics.PROPOSAL_EVENTS, booking);
            poison(producer, Topics.PROJECT_EVENTS, booking);
            Journeys.proposeAndAccept(fleet, FaultFleet.STUDIO, email, booking);
            String project = Journeys.project(fleet, booking);
            fleet.deliver(FaultFleet.STUDIO, Deliveries.canceled(invitee, 5));
            await().atMost(Duration.ofSeconds(60)).until(() -> fleet.ledger().count("email",
                    "select count(*) from email_jobs where booking_id = ?::uuid and kind in ('CANCELLATION', 'KICKOFF')",
                    booking) == 2);
            outcomes.add(Outcome.check(NAME + " — booking-, proposal- and project-events then the same key",
                    "2 poison records on each, keyed by the booking, then brief, proposal, acceptance and cancellation",
                    "project started, kickoff and cancellation emails queued",
                    "project " + project + "; email jobs " + fleet.ledger().sql("email",
                            "select kind || ':' || status from email_jobs where booking_id = ?::uuid order by kind", booking),
                    true));
            Journeys.awaitQuiet(fleet, Duration.ofSeconds(90));
            for (String topic : GROUPS.keySet()) {
                String key = topic.equals(Topics.CALENDLY_WEBHOOKS) ? inviteeUri : booking;
                List<ConsumerRecord<String, byte[]>> dead = fleet.ledger().records(Topics.deadLetter(topic)).stream()
                        .filter(record -> key.equals(record.key())).toList();
                long withReason = dead.stream().filter(record -> record.headers().lastHeader("dead-letter-reason") != null
                        && record.headers().lastHeader("dead-letter-reason").value().length > 0).count();
                int expected = 2 * GROUPS.get(topic);
                outcomes.add(Outcome.check(NAME + " — " + topic, "1 malformed + 1 wrong-schema record",
                        expected + " on " + Topics.deadLetter(topic) + " (one per consuming group), each with a reason",
                        dead.size() + " dead-lettered, " + withReason + " with a reason: " + reasons(dead),
                        dead.size() == expected && withReason == expected));
            }
            outcomes.add(Outcome.check(NAME + " — lag", "all of the above", "every group's lag back to 0",
                    fleet.ledger().lag(), fleet.ledger().lag() == 0));
        }
        return outcomes;
    }

    private static void poison(KafkaProducer<String, byte[]> producer, String topic, String key) {
        send(producer, topic, key, "\u0000{not json".getBytes(StandardCharsets.UTF_8));
        send(producer, topic, key, "{\"unexpected\":true,\"items\":[1,2,3]}".getBytes(StandardCharsets.UTF_8));
        producer.flush();
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.TENANT_ID, FaultFleet.STUDIO_TENANT.toString().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_TYPE, EVENT_TYPES.get(topic).getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.SCHEMA_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    private static List<String> reasons(List<ConsumerRecord<String, byte[]>> dead) {
        return dead.stream().map(record -> record.headers().lastHeader("dead-letter-reason"))
                .map(header -> header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8))
                .map(reason -> reason.length() > 80 ? reason.substring(0, 80) + "…" : reason).toList();
    }
}
