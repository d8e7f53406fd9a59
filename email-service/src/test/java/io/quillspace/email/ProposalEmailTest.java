package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.BookingEventV1;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The studio sends a proposal, and the client receives an email with its link, once per proposal, also when the
 * proposal overtakes its booking on the way here.
 */
@QuarkusTest
class ProposalEmailTest extends AtFixedTime {

    @Test
    void eachSentProposalIsAnnouncedOnceWithItsLink() {
        BookingEventV1.Created booking = client.created(UUID.randomUUID(), Instant.parse("2030-06-06T12:00:00Z"));
        client.send(booking);
        client.awaitMessage("Your consultation is confirmed");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        client.send(sent(booking, first, "Developmental edit", 3));
        client.send(sent(booking, first, "Developmental edit", 3));
        client.send(new ProposalEventV1.ProposalDeclined(UUID.randomUUID(), client.tenant, booking.bookingId(), 4,
                first, client.user, Instant.now()));
        client.send(sent(booking, second, "Line edit", 5));

        MimeMessage announced = client.awaitMessage("Your proposal is ready: Developmental edit");
        String text = SmtpServer.textOf(announced);
        assertTrue(text.contains("https://app.quillspace.io/consultations/" + booking.bookingId() + "/proposals/" + first), text);
        assertTrue(text.contains("4,800.00 EUR") && text.contains("valid until Sunday 30 June 2030"), text);
        client.awaitMessage("Your proposal is ready: Line edit");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 3);
        assertEquals(2, client.jobs(booking.bookingId()).stream().filter(job -> "PROPOSAL_SENT".equals(job.get("kind"))).count());
    }

    @Test
    void aProposalThatArrivesBeforeItsBookingWaitsWithoutHoldingBackOthersAndIsAnnouncedWhenTheBookingArrives() {
        BookingEventV1.Created late = client.created(UUID.randomUUID(), Instant.parse("2030-06-06T12:00:00Z"));
        BookingEventV1.Created known = client.created(UUID.randomUUID(), Instant.parse("2030-06-07T12:00:00Z"));
        client.send(known);
        client.awaitMessage("Your consultation is confirmed");
        UUID waiting = UUID.randomUUID();

        client.send(sent(late, waiting, "Structural edit", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingProposals().size() == 1);
        // Its record was acknowledged: the consumer has moved on to the next one.
        client.send(sent(known, UUID.randomUUID(), "Copy edit", 2));
        client.awaitMessage("Your proposal is ready: Copy edit");
        assertTrue(client.jobs(late.bookingId()).isEmpty(), "no recipient yet, so no email");

        client.send(late);

        MimeMessage announced = client.awaitMessage("Your proposal is ready: Structural edit");
        assertTrue(SmtpServer.textOf(announced).contains("/consultations/" + late.bookingId() + "/proposals/" + waiting));
        assertEquals(List.of(), waitingProposals());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> client.inbox().size() == 4);
    }

    @Test
    void aProposalWhoseBookingNeverArrivesIsDeadLetteredAsItsRecordOnceTheWaitEnds() {
        UUID unknown = UUID.randomUUID();
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.PROPOSAL_EVENTS))) {
            ProposalEventV1.ProposalSent lost = new ProposalEventV1.ProposalSent(UUID.randomUUID(), client.tenant, unknown,
                    2, UUID.randomUUID(), client.user, "Lost", BigDecimal.TEN, "EUR", Instant.parse("2030-06-30T12:00:00Z"),
                    Instant.now());
            client.send(lost);
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingProposals().size() == 1);
            clock.pin(NOW.plus(Duration.ofMinutes(59)));
            assertTrue(deadLetters.drain(Duration.ofSeconds(3)).stream()
                    .noneMatch(record -> unknown.toString().equals(record.key())), "still within its hour");

            clock.pin(NOW.plus(Duration.ofMinutes(61)));

            var dead = deadLetters.await(record -> unknown.toString().equals(record.key()), Duration.ofSeconds(30));
            assertTrue(TopicProbe.header(dead, "dead-letter-reason").contains("has not seen within PT1H"),
                    TopicProbe.header(dead, "dead-letter-reason"));
            assertEquals(Topics.PROPOSAL_EVENTS, TopicProbe.header(dead, "dead-letter-topic"));
            assertEquals(ProposalEventV1.encode(lost), new String(dead.value(), StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingProposals().isEmpty());
            assertTrue(client.inbox().isEmpty());
        }
    }

    private List<Map<String, Object>> waitingProposals() {
        return DatabaseProbe.asRuntimeRole().queryAs(client.tenant, null, "service",
                "select event_id, booking_id from waiting_proposals");
    }

    private ProposalEventV1.ProposalSent sent(BookingEventV1.Created booking, UUID proposal, String title, long sequence) {
        return new ProposalEventV1.ProposalSent(UUID.randomUUID(), client.tenant, booking.bookingId(), sequence, proposal,
                client.user, title, new BigDecimal("4800.00"), "EUR", Instant.parse("2030-06-30T12:00:00Z"), Instant.now());
    }
}
