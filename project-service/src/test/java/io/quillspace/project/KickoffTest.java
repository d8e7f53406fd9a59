package io.quillspace.project;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.ProjectEventV1;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An accepted proposal, as booking-service publishes it, becomes one project with a dated plan and a kickoff event. */
@QuarkusTest
class KickoffTest {

    /** Monday 3 June 2030, noon in Madrid. */
    static final Instant ACCEPTED = Instant.parse("2030-06-03T10:00:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    SettableClock clock;

    AcceptedProposals studio;

    @BeforeEach
    void openStudio() {
        clock.pin(ACCEPTED);
        studio = new AcceptedProposals(bootstrapServers);
    }

    @AfterEach
    void closeStudio() {
        clock.release();
        studio.close();
    }

    @Test
    void theProjectFollowsTheProposalsPhasesFromTheDesiredStartDate() {
        try (TopicProbe projectEvents = TopicProbe.atEnd(bootstrapServers, Topics.PROJECT_EVENTS)) {
            ProposalEventV1.ProposalAccepted accepted = studio.accepted(ACCEPTED, LocalDate.parse("2030-06-10"));
            JsonPath project = studio.kickOff(accepted);

            assertEquals("The Salt Road", project.getString("name"), "named after the brief's project");
            assertEquals("kickoff", project.getString("status"));
            assertEquals("2030-06-10", project.getString("kickoffDate"));
            assertEquals(studio.client.toString(), project.getString("clientUserId"));
            assertEquals(List.of("Assessment", "Line edit"), project.getList("phases.name"), "in the proposal's order");
            assertEquals(List.of("2030-06-10", "2030-06-24"), project.getList("phases.plannedStart"));
            assertEquals(List.of("2030-06-23", "2030-07-03"), project.getList("phases.plannedEnd"));
            assertEquals(List.of("Editorial letter", "Assessment call"), project.getList("phases[0].deliverables.name"));
            assertEquals(List.of("2030-06-16", "2030-06-23"), project.getList("phases[0].deliverables.due"));
            assertEquals(List.of("2030-06-28", "2030-07-03"), project.getList("phases[1].deliverables.due"));
            assertEquals(List.of("pending", "pending"), project.getList("phases.status"));
            assertEquals(List.of("kickoff"), project.getList("history.to"), "the kickoff is the first history entry");

            ConsumerRecord<String, byte[]> record = projectEvents.await(
                    r -> r.key().equals(studio.projectOf(accepted).toString()), Duration.ofSeconds(30));
            ProjectEventV1.KickedOff kickoff = (ProjectEventV1.KickedOff) ProjectEventV1.decode(record.value());
            assertEquals(1, kickoff.sequence());
            assertEquals(accepted.bookingId(), kickoff.bookingId());
            assertEquals("maria@example.org", kickoff.clientEmail());
            assertEquals("Europe/Madrid", kickoff.clientTimeZone());
            assertEquals(LocalDate.parse("2030-06-10"), kickoff.kickoffDate());
            assertEquals(new ProjectEventV1.Phase(1, "Assessment", LocalDate.parse("2030-06-10"),
                    LocalDate.parse("2030-06-23"), List.of(
                    new ProjectEventV1.Deliverable("Editorial letter", LocalDate.parse("2030-06-16")),
                    new ProjectEventV1.Deliverable("Assessment call", LocalDate.parse("2030-06-23")))),
                    kickoff.phases().get(0));
            assertEquals(kickoff.eventId().toString(), TopicProbe.header(record, "quillspace-event-id"));
        }
    }

    @Test
    void withoutAFutureDesiredStartTheProjectKicksOffTheDayAfterAcceptanceInTheClientsZone() {
        // 23:30 UTC on 3 June is already 4 June in Madrid: the project starts on the 5th.
        Instant lateEvening = Instant.parse("2030-06-03T23:30:00Z");
        JsonPath project = studio.kickOff(studio.accepted(lateEvening, LocalDate.parse("2030-06-01")));

        assertEquals("2030-06-05", project.getString("kickoffDate"));
        assertEquals("2030-06-05", project.getString("phases[0].plannedStart"));
    }

    @Test
    void redeliveredAndReplayedAcceptancesMakeOneProjectAndOneKickoff() {
        try (TopicProbe projectEvents = TopicProbe.atEnd(bootstrapServers, Topics.PROJECT_EVENTS)) {
            ProposalEventV1.ProposalAccepted accepted = studio.accepted(ACCEPTED, LocalDate.parse("2030-06-10"));
            studio.send(accepted);
            studio.send(accepted);
            // A replay from booking-service's outbox (the relay re-sent a batch) carries a new event id.
            studio.send(new ProposalEventV1.ProposalAccepted(UUID.randomUUID(), accepted.tenantId(),
                    accepted.bookingId(), accepted.sequence(), accepted.proposalId(), accepted.clientUserId(),
                    accepted.clientEmail(), accepted.clientName(), accepted.clientTimeZone(), accepted.brief(),
                    accepted.title(), accepted.scopeOfWork(), accepted.phases(), accepted.price(), accepted.currency(),
                    accepted.acceptedAt(), accepted.occurredAt()));
            String project = studio.projectOf(accepted).toString();
            studio.awaitProject(studio.projectOf(accepted));

            List<ConsumerRecord<String, byte[]>> kickoffs = projectEvents.drain(Duration.ofSeconds(4)).stream()
                    .filter(r -> r.key().equals(project)).toList();
            assertEquals(1, kickoffs.size(), "one kickoff event");
            given().auth().oauth2(studio.adminToken()).get("/projects").then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.is(1));
        }
    }

    @Test
    void proposalEventsOtherThanAcceptanceStartNothing() {
        ProposalEventV1.ProposalAccepted accepted = studio.accepted(ACCEPTED, LocalDate.parse("2030-06-10"));
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.PROPOSAL_EVENTS))) {
            studio.send(new ProposalEventV1.ProposalSent(UUID.randomUUID(), studio.tenant, accepted.bookingId(), 5,
                    accepted.proposalId(), studio.client, "Developmental edit", accepted.price(), "EUR",
                    ACCEPTED.plusSeconds(86_400), ACCEPTED));
            studio.kickOff(accepted);

            given().auth().oauth2(studio.adminToken()).get("/projects").then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.is(1));
            assertTrue(deadLetters.drain(Duration.ofSeconds(2)).stream()
                    .noneMatch(r -> r.key().equals(accepted.bookingId().toString())), "proposal.sent is not poison");
        }
    }

    @Test
    void poisonIsDeadLetteredWithItsReasonAndTheNextRecordOfTheBookingStillApplies() {
        ProposalEventV1.ProposalAccepted accepted = studio.accepted(ACCEPTED, LocalDate.parse("2030-06-10"));
        String key = accepted.bookingId().toString();
        ProposalEventV1.ProposalAccepted withoutPhases = new ProposalEventV1.ProposalAccepted(UUID.randomUUID(),
                studio.tenant, accepted.bookingId(), 6, UUID.randomUUID(), studio.client, "maria@example.org",
                "Maria Lopez", "Europe/Madrid", null, "Empty", "Nothing", List.of(), null, null, ACCEPTED, ACCEPTED);
        try (TopicProbe deadLetters = TopicProbe.atEnd(bootstrapServers, Topics.deadLetter(Topics.PROPOSAL_EVENTS))) {
            studio.send(key, "{\"type\":\"proposal.exploded\"}");
            studio.send(withoutPhases);
            studio.kickOff(accepted);

            List<String> reasons = List.of(
                    TopicProbe.header(deadLetters.await(r -> key.equals(r.key()), Duration.ofSeconds(30)),
                            "dead-letter-reason"),
                    TopicProbe.header(deadLetters.await(r -> key.equals(r.key()), Duration.ofSeconds(30)),
                            "dead-letter-reason"));
            assertTrue(reasons.get(0).contains("proposal.exploded"), reasons.get(0));
            assertTrue(reasons.get(1).contains("lacks the client, proposal, acceptance time or phases"), reasons.get(1));
            given().auth().oauth2(studio.adminToken()).get("/projects/{id}", studio.projectOf(withoutPhases))
                    .then().statusCode(404);
        }
    }
}
