package io.quillspace.shared.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BookingEventV1Test {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID BOOKING = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-03-13T10:00:04.100Z");

    @Test
    void everyVariantSurvivesEncodeThenDecodeUnchanged() {
        List<BookingEventV1> events = List.of(
                new BookingEventV1.Created(UUID.randomUUID(), TENANT, BOOKING, 1, UUID.randomUUID(), "tom@example.org",
                        "Tom Okafor", "Consultation", AT, AT.plusSeconds(2700), "America/New_York",
                        new BookingEventV1.MeetingLocation("zoom", null, "https://zoom.us/j/1"), "https://c/1",
                        "https://r/1", UUID.randomUUID(), AT),
                new BookingEventV1.Canceled(UUID.randomUUID(), TENANT, BOOKING, 2, UUID.randomUUID(), "tom@example.org",
                        "Tom Okafor", "Consultation", AT, AT.plusSeconds(2700), "America/New_York", "Tom Okafor",
                        "Family emergency", "invitee", AT),
                new BookingEventV1.Rescheduled(UUID.randomUUID(), TENANT, BOOKING, 2, UUID.randomUUID(),
                        UUID.randomUUID(), "tom@example.org", "Tom Okafor", "Tom Okafor", null, AT),
                new BookingEventV1.NoShowMarked(UUID.randomUUID(), TENANT, BOOKING, 3, UUID.randomUUID(), AT),
                new BookingEventV1.NoShowCleared(UUID.randomUUID(), TENANT, BOOKING, 4, UUID.randomUUID(), AT));

        for (BookingEventV1 event : events) {
            String encoded = BookingEventV1.encode(event);
            assertTrue(encoded.contains("\"type\":\"" + event.type() + "\""), encoded);
            assertEquals(event, BookingEventV1.decode(encoded.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void typesAreTheNamesConsumersSwitchOn() {
        assertEquals("booking.created", BookingEventV1.Created.TYPE);
        assertEquals("booking.canceled", BookingEventV1.Canceled.TYPE);
        assertEquals("booking.rescheduled", BookingEventV1.Rescheduled.TYPE);
        assertEquals("booking.no-show-marked", BookingEventV1.NoShowMarked.TYPE);
        assertEquals("booking.no-show-cleared", BookingEventV1.NoShowCleared.TYPE);
    }

    @Test
    void instantsTravelAsIsoStrings() {
        String encoded = BookingEventV1.encode(
                new BookingEventV1.NoShowMarked(UUID.randomUUID(), TENANT, BOOKING, 1, UUID.randomUUID(), AT));
        assertTrue(encoded.contains("\"occurredAt\":\"2026-03-13T10:00:04.100Z\""), encoded);
    }

    @Test
    void propertiesANewerProducerAddsAreIgnored() {
        String json = BookingEventV1.encode(
                new BookingEventV1.NoShowMarked(UUID.randomUUID(), TENANT, BOOKING, 1, UUID.randomUUID(), AT));
        String newer = json.substring(0, json.length() - 1) + ",\"addedLater\":42}";
        assertEquals(BookingEventV1.decode(json.getBytes(StandardCharsets.UTF_8)),
                BookingEventV1.decode(newer.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnknownTypeOrAValueWithoutIdsIsMalformed() {
        assertThrows(MalformedEventException.class,
                () -> BookingEventV1.decode("{\"type\":\"booking.exploded\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class,
                () -> BookingEventV1.decode("{\"type\":\"booking.no-show-marked\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class,
                () -> BookingEventV1.decode("{not json".getBytes(StandardCharsets.UTF_8)));
    }
}
