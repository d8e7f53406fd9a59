package io.quillspace.shared.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Each outbox contract says where its events travel and writes their value; the outbox copies, never decides. */
class FleetEventWireTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID AGGREGATE = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-03-20T10:00:00Z");

    private record Expected(FleetEvent event, String topic, Function<byte[], FleetEvent> decoder) {
    }

    @Test
    void everyContractNamesItsTopicKeyAndVersionAndWritesAValueItsDecoderReads() {
        List<Expected> contracts = List.of(
                new Expected(new BookingEventV1.NoShowMarked(UUID.randomUUID(), TENANT, AGGREGATE, 3, UUID.randomUUID(),
                        AT), Topics.BOOKING_EVENTS, BookingEventV1::decode),
                new Expected(new ProposalEventV1.ProposalDeclined(UUID.randomUUID(), TENANT, AGGREGATE, 5,
                        UUID.randomUUID(), UUID.randomUUID(), AT), Topics.PROPOSAL_EVENTS, ProposalEventV1::decode),
                new Expected(new ProjectEventV1.StatusChanged(UUID.randomUUID(), TENANT, AGGREGATE, 2, UUID.randomUUID(),
                        "kickoff", "active", UUID.randomUUID(), AT), Topics.PROJECT_EVENTS, ProjectEventV1::decode),
                new Expected(new StudioEventV1.Suspended(UUID.randomUUID(), AGGREGATE, 4, new StudioEventV1.Profile(
                        "Ink & Quill", "UTC", null, null, null, null), "suspended", AT), Topics.STUDIO_EVENTS,
                        StudioEventV1::decode));

        for (Expected expected : contracts) {
            FleetEvent event = expected.event();
            assertEquals(expected.topic(), event.topic());
            assertEquals(AGGREGATE.toString(), event.key(), "keyed by its aggregate");
            assertEquals(1, event.schemaVersion());
            assertEquals(event, expected.decoder().apply(event.encoded().getBytes(StandardCharsets.UTF_8)));
            assertFalse(event.encoded().matches(".*\"(topic|key|schemaVersion|encoded|aggregateId|contract)\".*"),
                    "the wire describes the event, not its envelope: " + event.encoded());
        }
    }
}
