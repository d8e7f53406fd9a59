package io.quillspace.project;

import io.quillspace.infra.DevTokens;
import io.quillspace.project.entity.Project;
import io.quillspace.shared.events.ClientEventV1;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * One studio and its client, whose accepted proposals reach project-service as booking-service publishes them: a real
 * {@code proposal.accepted} record on {@code proposal-events.v1}, keyed by booking id.
 */
final class AcceptedProposals implements AutoCloseable {

    /** The plan every test project follows: two phases, two deliverables each. */
    static final List<ProposalEventV1.Phase> PLAN = List.of(
            new ProposalEventV1.Phase(2, "Line edit", 10, List.of("Chapter notes", "Edited manuscript")),
            new ProposalEventV1.Phase(1, "Assessment", 14, List.of("Editorial letter", "Assessment call")));

    final UUID tenant = UUID.randomUUID();
    final UUID client = UUID.randomUUID();
    final UUID admin = UUID.randomUUID();
    private final KafkaProducer<String, byte[]> producer;

    AcceptedProposals(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** An acceptance of a new proposal with {@link #PLAN}, a brief wishing to start on {@code desiredStart}. */
    ProposalEventV1.ProposalAccepted accepted(Instant acceptedAt, LocalDate desiredStart) {
        UUID booking = UUID.randomUUID();
        ProposalEventV1.Brief brief = new ProposalEventV1.Brief(2, "The Salt Road", "Literary fiction", 92_000, 3000,
                6000, desiredStart, "A tighter second half", "maria@example.org");
        return new ProposalEventV1.ProposalAccepted(UUID.randomUUID(), tenant, booking, 7, UUID.randomUUID(), client,
                "maria@example.org", "Maria Lopez", "Europe/Madrid", brief, "Developmental edit",
                "Structure, pacing and line work", PLAN, new BigDecimal("4500.00"), "EUR", acceptedAt, acceptedAt);
    }

    void send(ProposalEventV1 event) {
        send(event.bookingId().toString(), ProposalEventV1.encode(event));
    }

    void send(String key, String value) {
        send(Topics.PROPOSAL_EVENTS, key, value);
    }

    /** A client's export or erasure request, as booking-service's outbox relay publishes it. */
    void send(ClientEventV1 event) {
        send(Topics.CLIENT_EVENTS, event.key(), ClientEventV1.encode(event));
    }

    private void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the acceptance and waits until its project answers the admin. */
    JsonPath kickOff(ProposalEventV1.ProposalAccepted accepted) {
        send(accepted);
        return awaitProject(projectOf(accepted));
    }

    JsonPath awaitProject(UUID project) {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(adminToken())
                .get("/projects/{id}", project).statusCode() == 200);
        return given().auth().oauth2(adminToken()).get("/projects/{id}", project).then().statusCode(200)
                .extract().jsonPath();
    }

    UUID projectOf(ProposalEventV1.ProposalAccepted accepted) {
        return Project.idFor(tenant, accepted.proposalId());
    }

    String adminToken() {
        return DevTokens.token(tenant, admin, "admin");
    }

    String clientToken() {
        return DevTokens.token(tenant, client, "user");
    }

    @Override
    public void close() {
        producer.close();
    }
}
