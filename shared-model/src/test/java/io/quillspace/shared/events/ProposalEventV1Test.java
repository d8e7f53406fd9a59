package io.quillspace.shared.events;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProposalEventV1Test {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID BOOKING = UUID.randomUUID();
    private static final UUID CLIENT = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-03-13T10:00:04.100Z");
    private static final ProposalEventV1.Brief BRIEF = new ProposalEventV1.Brief(2, "The Salt Road", "literary fiction",
            92_000, 3_000, 6_000, LocalDate.parse("2026-05-01"), "A tighter second act", "tom@example.org");

    @Test
    void everyVariantSurvivesEncodeThenDecodeUnchanged() {
        UUID proposal = UUID.randomUUID();
        List<ProposalEventV1> events = List.of(
                new ProposalEventV1.BriefSubmitted(UUID.randomUUID(), TENANT, BOOKING, 2, CLIENT, CLIENT, BRIEF, AT),
                new ProposalEventV1.ProposalSent(UUID.randomUUID(), TENANT, BOOKING, 3, proposal, CLIENT,
                        "Developmental edit", new BigDecimal("4500.00"), "EUR", AT.plusSeconds(86_400), AT),
                new ProposalEventV1.ProposalAccepted(UUID.randomUUID(), TENANT, BOOKING, 4, proposal, CLIENT,
                        "tom@example.org", "Tom Okafor", "Europe/London", BRIEF, "Developmental edit", "Structure and pacing",
                        List.of(new ProposalEventV1.Phase(1, "Read-through", 10, List.of("Editorial letter")),
                                new ProposalEventV1.Phase(2, "Line notes", 20, List.of("Annotated manuscript", "Call"))),
                        new BigDecimal("4500.00"), "EUR", AT, AT),
                new ProposalEventV1.ProposalDeclined(UUID.randomUUID(), TENANT, BOOKING, 5, proposal, CLIENT, AT),
                new ProposalEventV1.BriefFileAttached(UUID.randomUUID(), TENANT, BOOKING, 6, UUID.randomUUID(), CLIENT,
                        CLIENT, 2, "../Chapter \"1\"\u202E.docx", "application/pdf", 1_048_576, AT),
                new ProposalEventV1.BriefFileAttached(UUID.randomUUID(), TENANT, BOOKING, 7, UUID.randomUUID(), CLIENT,
                        CLIENT, null, "cover.png", "image/png", 10, AT));

        for (ProposalEventV1 event : events) {
            String encoded = ProposalEventV1.encode(event);
            assertTrue(encoded.contains("\"type\":\"" + event.type() + "\""), encoded);
            assertEquals(event, ProposalEventV1.decode(encoded.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void typesAreTheNamesConsumersSwitchOn() {
        assertEquals("brief.submitted", ProposalEventV1.BriefSubmitted.TYPE);
        assertEquals("proposal.sent", ProposalEventV1.ProposalSent.TYPE);
        assertEquals("proposal.accepted", ProposalEventV1.ProposalAccepted.TYPE);
        assertEquals("proposal.declined", ProposalEventV1.ProposalDeclined.TYPE);
        assertEquals("brief.file-attached", ProposalEventV1.BriefFileAttached.TYPE);
    }

    @Test
    void datesAndPricesTravelAsTheyWereWritten() {
        String encoded = ProposalEventV1.encode(
                new ProposalEventV1.BriefSubmitted(UUID.randomUUID(), TENANT, BOOKING, 2, CLIENT, CLIENT, BRIEF, AT));
        assertTrue(encoded.contains("\"desiredStartDate\":\"2026-05-01\""), encoded);
        String sent = ProposalEventV1.encode(new ProposalEventV1.ProposalSent(UUID.randomUUID(), TENANT, BOOKING, 3,
                UUID.randomUUID(), CLIENT, "Edit", new BigDecimal("4500.00"), "EUR", AT, AT));
        assertTrue(sent.contains("\"price\":4500.00"), sent);
    }

    @Test
    void anUnknownTypeOrAValueWithoutIdsIsMalformed() {
        assertThrows(MalformedEventException.class,
                () -> ProposalEventV1.decode("{\"type\":\"proposal.exploded\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedEventException.class,
                () -> ProposalEventV1.decode("{\"type\":\"proposal.declined\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
