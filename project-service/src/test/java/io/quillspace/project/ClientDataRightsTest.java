package io.quillspace.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.DatabaseSecurityChecks;
import io.quillspace.infra.testing.PresignedTransfer;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.ClientEventV1;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client's export and erasure requests, answered by project-service from client-events.v1. */
@QuarkusTest
class ClientDataRightsTest {

    private static final Instant ACCEPTED = Instant.parse("2030-06-03T10:00:00Z");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    AcceptedProposals studio;

    @BeforeEach
    void openStudio() {
        studio = new AcceptedProposals(bootstrapServers);
    }

    @AfterEach
    void closeStudio() {
        studio.close();
    }

    @Test
    void anExportRequestIsAnsweredWithTheClientsProjectsAsThisServicesPart() throws Exception {
        var accepted = studio.accepted(ACCEPTED, null);
        UUID project = studio.projectOf(accepted);
        studio.kickOff(accepted);
        UUID request = UUID.randomUUID();

        try (TopicProbe parts = TopicProbe.atEnd(bootstrapServers, Topics.CLIENT_EVENTS)) {
            request(new ClientEventV1.ExportRequested(UUID.randomUUID(), studio.tenant, request, studio.client,
                    studio.client, Instant.now()));
            var record = parts.await(r -> new String(r.value(), StandardCharsets.UTF_8).contains(request.toString())
                    && ClientEventV1.decode(r.value()) instanceof ClientEventV1.ExportPart, Duration.ofSeconds(30));

            var part = (ClientEventV1.ExportPart) ClientEventV1.decode(record.value());
            assertEquals("project", part.service());
            assertEquals(studio.tenant + ":" + studio.client, record.key());
            JsonNode projects = part.part().get("projects");
            assertEquals(1, projects.size());
            assertEquals(project.toString(), projects.get(0).get("id").asText());
            assertEquals("maria@example.org", projects.get(0).get("client_email").asText());
            assertEquals(2, projects.get(0).get("phases").size());
            assertEquals(4, projects.get(0).get("deliverables").size());
            assertFalse(projects.get(0).get("history").isEmpty());
        }
    }

    @Test
    void erasureReplacesTheClientsPersonalDataAndRecordsItInHistoryWithoutTheData() {
        var accepted = studio.accepted(ACCEPTED, null);
        UUID project = studio.projectOf(accepted);
        studio.kickOff(accepted);

        request(new ClientEventV1.ErasureRequested(UUID.randomUUID(), studio.tenant, UUID.randomUUID(), studio.client,
                studio.admin, Instant.now()));

        DatabaseProbe owner = DatabaseProbe.asMigrationOwner();
        await().atMost(Duration.ofSeconds(30)).until(() -> !owner.queryAs(studio.tenant, null, "service",
                "select 1 from erased_clients where user_id = ?", studio.client).isEmpty());
        String everything = owner.queryAs(studio.tenant, null, "service", """
                        select (select string_agg(to_jsonb(p)::text, '') from projects p where p.user_id = ?)
                            || (select string_agg(to_jsonb(h)::text, '') from project_history h where h.user_id = ?) as rows""",
                studio.client, studio.client).get(0).get("rows").toString();
        for (String personal : List.of("maria@example.org", "Maria Lopez", "Structure, pacing", "The Salt Road")) {
            assertFalse(everything.contains(personal), personal + " is still held: " + everything);
        }
        // The project, its plan and its history stay, with the erasure as their last entry.
        var view = given().auth().oauth2(studio.adminToken()).get("/projects/{id}", project).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(4, view.getList("phases.deliverables.flatten()").size());
        List<Map<String, Object>> history = view.getList("history");
        Map<String, Object> last = history.get(history.size() - 1);
        assertEquals("client", last.get("subject"));
        assertEquals("erased", last.get("to"));
        assertEquals("client.erased", last.get("subjectName"));
    }

    @Test
    void erasureDeletesTheClientsDeliverableFilesFromTheStoreAndLeavesAnotherClientsFile() {
        var accepted = studio.accepted(ACCEPTED, null);
        UUID project = studio.projectOf(accepted);
        String deliverable = studio.kickOff(accepted).getString("phases[0].deliverables[0].id");
        var others = otherClientsAcceptance(studio.accepted(ACCEPTED, null));
        UUID othersProject = studio.projectOf(others);
        String othersDeliverable = studio.kickOff(others).getString("phases[0].deliverables[0].id");
        String file = DeliverableFiles.attached(studio, project, deliverable, "Editorial letter.txt");
        String othersFile = DeliverableFiles.attached(studio, othersProject, othersDeliverable, "Another letter.txt");
        String url = downloadUrl(studio.clientToken(), project, deliverable, file);
        String othersUrl = downloadUrl(studio.adminToken(), othersProject, othersDeliverable, othersFile);

        request(new ClientEventV1.ErasureRequested(UUID.randomUUID(), studio.tenant, UUID.randomUUID(), studio.client,
                studio.admin, Instant.now()));

        DatabaseProbe owner = DatabaseProbe.asMigrationOwner();
        await().atMost(Duration.ofSeconds(30)).until(() -> !owner.queryAs(studio.tenant, null, "service",
                "select 1 from erased_clients where user_id = ?", studio.client).isEmpty());
        assertEquals(404, PresignedTransfer.download(url).statusCode());
        for (String token : List.of(studio.clientToken(), studio.adminToken())) {
            given().auth().oauth2(token).get(DeliverableFiles.PATH + "/{file}", project, deliverable, file)
                    .then().statusCode(404);
        }
        // The row stays, as after an admin's deletion, without its name.
        assertEquals(List.of(Map.of("status", "DELETED", "file_name", "erased")), owner.queryAs(studio.tenant, null,
                "service", "select status, file_name from deliverable_files where id = ?", UUID.fromString(file)));
        assertArrayEquals(DeliverableFiles.LETTER, PresignedTransfer.download(othersUrl).body());
        downloadUrl(studio.adminToken(), othersProject, othersDeliverable, othersFile);
    }

    @Test
    void aLaterAcceptanceOfAnErasedClientStartsNoProject() {
        request(new ClientEventV1.ErasureRequested(UUID.randomUUID(), studio.tenant, UUID.randomUUID(), studio.client,
                studio.admin, Instant.now()));
        DatabaseProbe owner = DatabaseProbe.asMigrationOwner();
        await().atMost(Duration.ofSeconds(30)).until(() -> !owner.queryAs(studio.tenant, null, "service",
                "select 1 from erased_clients where user_id = ?", studio.client).isEmpty());

        var erased = studio.accepted(ACCEPTED, null);
        var other = otherClientsAcceptance(studio.accepted(ACCEPTED, null));
        // Same key, same partition: once the second one's project exists, the first was consumed before it.
        studio.send(erased.bookingId().toString(), ProposalEventV1.encode(erased));
        studio.send(erased.bookingId().toString(), ProposalEventV1.encode(other));
        studio.awaitProject(studio.projectOf(other));

        given().auth().oauth2(studio.adminToken()).get("/projects/{id}", studio.projectOf(erased)).then().statusCode(404);
        assertTrue(owner.queryAs(studio.tenant, null, "service", "select 1 from projects where user_id = ?",
                studio.client).isEmpty());
    }

    @Test
    void theRuntimeRoleMayOnlyAppendHistoryAndErasedClientsAndRunsTheErasureAsItsOwner() {
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "project_history"));
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "erased_clients"));
        assertTrue(DatabaseSecurityChecks.runsAsAnotherOwnerForTheRuntimeRole(runtime, "erase_client"));
    }

    private ProposalEventV1.ProposalAccepted otherClientsAcceptance(ProposalEventV1.ProposalAccepted a) {
        return new ProposalEventV1.ProposalAccepted(a.eventId(), a.tenantId(), a.bookingId(), a.sequence(),
                a.proposalId(), UUID.randomUUID(), "other@example.org", "Other Writer", a.clientTimeZone(), a.brief(),
                a.title(), a.scopeOfWork(), a.phases(), a.price(), a.currency(), a.acceptedAt(), a.occurredAt());
    }

    private static String downloadUrl(String token, UUID project, String deliverable, String file) {
        return given().auth().oauth2(token).get(DeliverableFiles.PATH + "/{file}", project, deliverable, file)
                .then().statusCode(200).extract().path("download.url");
    }

    private void request(ClientEventV1 event) {
        studio.send(event);
    }
}
