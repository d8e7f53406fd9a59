package io.quillspace.email.sequence;

import io.quillspace.email.entity.EmailJob;
import io.quillspace.shared.events.ProposalEventV1;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProposalPlannerTest {

    private static final Instant RECEIVED = Instant.parse("2030-06-03T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final UUID BOOKING = UUID.fromString("9f0c5a8e-0000-4000-8000-000000000001");
    private static final UUID PROPOSAL = UUID.fromString("9f0c5a8e-0000-4000-8000-000000000002");

    @Test
    void aProposalOfAKnownBookingIsAnnouncedHoweverLongItWaited() {
        assertEquals(ProposalPlanner.Decision.ANNOUNCE, ProposalPlanner.decide(true, RECEIVED, RECEIVED, HOUR));
        assertEquals(ProposalPlanner.Decision.ANNOUNCE,
                ProposalPlanner.decide(true, RECEIVED, RECEIVED.plus(Duration.ofDays(2)), HOUR));
    }

    @Test
    void aProposalOfAnUnknownBookingWaitsUntilTheWaitEndsAndIsThenDeadLettered() {
        assertEquals(ProposalPlanner.Decision.WAIT, ProposalPlanner.decide(false, RECEIVED, RECEIVED, HOUR));
        assertEquals(ProposalPlanner.Decision.WAIT,
                ProposalPlanner.decide(false, RECEIVED, RECEIVED.plus(HOUR).minusMillis(1), HOUR));
        assertEquals(ProposalPlanner.Decision.DEAD_LETTER, ProposalPlanner.decide(false, RECEIVED, RECEIVED.plus(HOUR), HOUR));
    }

    @Test
    void noWaitAtAllDeadLettersAtOnce() {
        assertEquals(ProposalPlanner.Decision.DEAD_LETTER, ProposalPlanner.decide(false, RECEIVED, RECEIVED, Duration.ZERO));
    }

    @Test
    void onlyASentProposalIsAnnounced() {
        ProposalEventV1.ProposalSent sent = sent(new BigDecimal("4800"));
        assertEquals(Optional.of(sent), ProposalPlanner.announced(sent));
        assertEquals(Optional.empty(), ProposalPlanner.announced(new ProposalEventV1.ProposalDeclined(UUID.randomUUID(),
                UUID.randomUUID(), BOOKING, 4, PROPOSAL, UUID.randomUUID(), RECEIVED)));
    }

    @Test
    void theSummaryShowsThePriceInEnglishAndLinksToTheProposalInTheFrontend() {
        EmailJob.ProposalSummary summary = ProposalPlanner.summary(sent(new BigDecimal("4800")), "https://app.example");
        assertEquals("4,800.00", summary.price());
        assertEquals("https://app.example/consultations/" + BOOKING + "/proposals/" + PROPOSAL, summary.url());
        assertEquals(null, ProposalPlanner.summary(sent(null), "https://app.example").price());
    }

    @Test
    void theDeadLetterReasonNamesTheProposalTheBookingAndTheWait() {
        String reason = ProposalPlanner.deadLetterReason(sent(BigDecimal.ONE), HOUR);
        assertTrue(reason.contains(PROPOSAL.toString()) && reason.contains(BOOKING.toString())
                && reason.contains("has not seen within PT1H"), reason);
    }

    private static ProposalEventV1.ProposalSent sent(BigDecimal price) {
        return new ProposalEventV1.ProposalSent(UUID.randomUUID(), UUID.randomUUID(), BOOKING, 2, PROPOSAL,
                UUID.randomUUID(), "Developmental edit", price, "EUR", Instant.parse("2030-06-30T12:00:00Z"), RECEIVED);
    }
}
