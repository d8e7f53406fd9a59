package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.EventHeaders;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A proposal from draft to the client's decision over HTTP, with its events on the real topic. */
@QuarkusTest
class ProposalLifecycleApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    final ConsultationApi api = new ConsultationApi();
    TopicProbe proposalEvents;

    @BeforeEach
    void open() {
        proposalEvents = TopicProbe.atEnd(bootstrapServers, Topics.PROPOSAL_EVENTS);
    }

    @AfterEach
    void close() {
        proposalEvents.close();
    }

    @Test
    void aDraftIsTheStudiosAloneUntilItIsSent() {
        UUID booking = api.booking();
        String proposal = api.draft(booking, "Developmental edit");

        api.asClient().when().get("/proposals/{id}", proposal).then().statusCode(404);
        api.asClient().when().get("/consultations/{id}", booking).then().statusCode(200).body("proposals", hasSize(0));
        api.asAdmin().when().get("/consultations/{id}", booking).then().statusCode(200)
                .body("proposals.status", contains("DRAFT"))
                .body("proposals[0].phases.name", contains("Read-through", "Line notes"));
    }

    @Test
    void aDraftBreakingRulesIsRefusedWithEveryFieldListed() {
        var proposal = ConsultationApi.validProposal("");
        proposal.put("phases", List.of(java.util.Map.of("order", 0, "name", "", "estimatedDays", 5,
                "deliverables", List.of())));
        proposal.put("currency", "euro");
        proposal.put("validUntil", "2020-01-01T00:00:00Z");

        api.asAdmin().body(proposal).when().post("/consultations/{id}/proposals", api.booking())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("currency", "phases[0].name", "phases[0].order", "title", "validUntil"));
    }

    @Test
    void sendingRaisesProposalSentKeyedByTheBooking() {
        UUID booking = api.booking();
        String proposal = api.sent(booking, "Developmental edit");

        var event = (ProposalEventV1.ProposalSent) nextEvent();
        assertEquals(booking, event.bookingId());
        assertEquals(UUID.fromString(proposal), event.proposalId());
        assertEquals(0, new BigDecimal("4500.00").compareTo(event.price()));
        api.asClient().when().get("/proposals/{id}", proposal).then().statusCode(200).body("status", equalTo("SENT"));
    }

    @Test
    void acceptingCarriesEverythingAProjectNeedsAndTheBriefsLatestVersion() {
        UUID booking = api.booking();
        api.asClient().body(ConsultationApi.validBrief()).when().put("/consultations/{id}/brief", booking)
                .then().statusCode(200);
        String proposal = api.sent(booking, "Developmental edit");

        api.asClient().when().post("/proposals/{id}/accept", proposal).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"));

        List<ProposalEventV1> events = eventsOf(booking, 3);
        var accepted = (ProposalEventV1.ProposalAccepted) events.get(2);
        assertEquals(api.client, accepted.clientUserId());
        assertEquals(api.client + "@example.org", accepted.clientEmail());
        assertEquals("Europe/Madrid", accepted.clientTimeZone(), "the invitee's zone: the project's days are theirs");
        assertEquals("The Salt Road", accepted.brief().projectName());
        assertEquals(1, accepted.brief().version());
        assertEquals(List.of("Read-through", "Line notes"), accepted.phases().stream().map(ProposalEventV1.Phase::name).toList());
        assertEquals(List.of("Editorial letter"), accepted.phases().get(0).deliverables());
        assertEquals("EUR", accepted.currency());
        assertEquals(accepted.acceptedAt(), accepted.occurredAt());
        assertEquals(List.of(1L, 2L, 3L), events.stream().map(ProposalEventV1::sequence).toList());
    }

    @Test
    void acceptingTwiceAnswersTheSameAndRaisesOneEvent() {
        UUID booking = api.booking();
        String proposal = api.sent(booking, "Developmental edit");

        String first = api.asClient().when().post("/proposals/{id}/accept", proposal).then().statusCode(200)
                .extract().asString();
        String second = api.asClient().when().post("/proposals/{id}/accept", proposal).then().statusCode(200)
                .extract().asString();

        assertEquals(first, second);
        assertEquals(List.of(ProposalEventV1.ProposalSent.TYPE, ProposalEventV1.ProposalAccepted.TYPE),
                typesAfterQuiet(booking));
    }

    @Test
    void decliningRaisesProposalDeclinedOnce() {
        UUID booking = api.booking();
        String proposal = api.sent(booking, "Developmental edit");

        api.asClient().when().post("/proposals/{id}/decline", proposal).then().statusCode(200)
                .body("status", equalTo("DECLINED"));
        api.asClient().when().post("/proposals/{id}/decline", proposal).then().statusCode(200);

        assertEquals(List.of(ProposalEventV1.ProposalSent.TYPE, ProposalEventV1.ProposalDeclined.TYPE),
                typesAfterQuiet(booking));
    }

    @Test
    void acceptingWithoutABriefCarriesNoBrief() {
        UUID booking = api.booking();
        String proposal = api.sent(booking, "Developmental edit");

        api.asClient().when().post("/proposals/{id}/accept", proposal).then().statusCode(200);

        assertNull(((ProposalEventV1.ProposalAccepted) eventsOf(booking, 2).get(1)).brief());
    }

    private ProposalEventV1 nextEvent() {
        return eventsOf(null, 1).get(0);
    }

    /** The next {@code count} events of the tenant (of {@code booking} if given), checking key and headers. */
    private List<ProposalEventV1> eventsOf(UUID booking, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> {
            ConsumerRecord<String, byte[]> record = proposalEvents.await(
                    r -> api.tenant.toString().equals(TopicProbe.header(r, EventHeaders.TENANT_ID))
                            && (booking == null || booking.toString().equals(r.key())), WAIT);
            ProposalEventV1 event = ProposalEventV1.decode(record.value());
            assertEquals(event.bookingId().toString(), record.key());
            assertEquals(event.eventId().toString(), TopicProbe.header(record, EventHeaders.EVENT_ID));
            assertEquals(event.type(), TopicProbe.header(record, EventHeaders.EVENT_TYPE));
            return event;
        }).toList();
    }

    private List<String> typesAfterQuiet(UUID booking) {
        return proposalEvents.drain(Duration.ofSeconds(3)).stream()
                .filter(r -> booking.toString().equals(r.key()))
                .map(r -> ProposalEventV1.decode(r.value()).type())
                .toList();
    }
}
