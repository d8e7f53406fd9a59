package io.quillspace.project;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.ProjectEventV1;
import io.quillspace.shared.events.Topics;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An admin runs a kicked-off project through the API: every status machine, its refusals (409 naming what is allowed),
 * the history, the events, and the dashboard on fixed days. The plan (see {@link AcceptedProposals#PLAN}) from
 * 10 June 2030: Assessment 10–23 June (Editorial letter due 16th, Assessment call 23rd), Line edit 24 June – 3 July
 * (Chapter notes 28th, Edited manuscript 3 July).
 */
@QuarkusTest
class ProjectWorkTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    SettableClock clock;

    AcceptedProposals studio;
    UUID project;
    JsonPath plan;

    @BeforeEach
    void kickOff() {
        clock.pin(day("2030-06-03"));
        studio = new AcceptedProposals(bootstrapServers);
        var accepted = studio.accepted(Instant.parse("2030-06-03T10:00:00Z"), LocalDate.parse("2030-06-10"));
        plan = studio.kickOff(accepted);
        project = studio.projectOf(accepted);
    }

    @AfterEach
    void close() {
        clock.release();
        studio.close();
    }

    @Test
    void theProjectMovesThroughItsLifecycleAndRefusesWhatItDoesNotAllow() {
        moveProject("active").statusCode(200).body("status", is("active"));
        moveProject("active").statusCode(200).body("status", is("active"));
        moveProject("kickoff").statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", is("https://quillspace.io/problems/transition-not-allowed"))
                .body("allowed", contains("on_hold", "completed", "cancelled"));
        moveProject("on_hold").statusCode(200);
        moveProject("completed").statusCode(409).body("allowed", contains("active", "cancelled"));
        moveProject("active").statusCode(200);
        moveProject("completed").statusCode(200);
        moveProject("cancelled").statusCode(409).body("allowed", empty())
                .body("detail", is("the project is completed and cannot become cancelled; it is final"));
        moveProject("paused").statusCode(400).body("errors[0].field", is("status"));

        given().auth().oauth2(studio.adminToken()).get("/projects/{id}", project).then().statusCode(200)
                .body("history.to", contains("kickoff", "active", "on_hold", "active", "completed"))
                .body("history[1].from", is("kickoff"))
                .body("history[1].changedBy", is(studio.admin.toString()))
                .body("history[0].changedBy", nullValue());
    }

    @Test
    void aDeliverableGoesThroughReviewAndBackButNeverSkipsIt() {
        String letter = deliverable(0, 0);
        moveDeliverable(letter, "done").statusCode(409).body("allowed", contains("in_progress"));
        moveDeliverable(letter, "in_progress").statusCode(200);
        moveDeliverable(letter, "in_review").statusCode(200);
        moveDeliverable(letter, "in_progress").statusCode(200);
        moveDeliverable(letter, "pending").statusCode(409).body("allowed", contains("in_review"));
        moveDeliverable(letter, "in_review").statusCode(200);
        moveDeliverable(letter, "done").statusCode(200)
                .body("phases[0].deliverables[0].status", is("done"))
                .body("phases[0].deliverables[0].doneOn", is("2030-06-03"));
        moveDeliverable(letter, "in_review").statusCode(409).body("allowed", empty());
        moveDeliverable(UUID.randomUUID().toString(), "in_progress").statusCode(404);
    }

    @Test
    void aPhaseStartsCompletesAndReopensWithItsActualDays() {
        String assessment = plan.getString("phases[0].id");
        movePhase(assessment, "completed").statusCode(409).body("allowed", contains("in_progress"));
        clock.pin(day("2030-06-11"));
        movePhase(assessment, "in_progress").statusCode(200).body("phases[0].actualStart", is("2030-06-11"));
        clock.pin(day("2030-06-25"));
        movePhase(assessment, "completed").statusCode(200).body("phases[0].actualEnd", is("2030-06-25"));
        movePhase(assessment, "pending").statusCode(409).body("allowed", contains("in_progress"));
        movePhase(assessment, "in_progress").statusCode(200)
                .body("phases[0].actualStart", is("2030-06-11"))
                .body("phases[0].actualEnd", nullValue());
    }

    @Test
    void workWaitsWhileTheProjectIsOnHoldAndStopsWhenItIsClosed() {
        String letter = deliverable(0, 0);
        moveProject("on_hold").statusCode(200);
        moveDeliverable(letter, "in_progress").statusCode(409)
                .body("type", is("https://quillspace.io/problems/project-not-open"))
                .body("detail", is("the project is on_hold: resume it (active) first"));
        moveProject("active").statusCode(200);
        moveDeliverable(letter, "in_progress").statusCode(200);
        moveProject("cancelled").statusCode(200);
        movePhase(plan.getString("phases[0].id"), "in_progress").statusCode(409)
                .body("type", is("https://quillspace.io/problems/project-not-open"));
    }

    @Test
    void everyChangeIsAProjectEventInOrder() {
        try (TopicProbe events = TopicProbe.atStart(bootstrapServers, Topics.PROJECT_EVENTS)) {
            String letter = deliverable(0, 0);
            moveProject("active").statusCode(200);
            movePhase(plan.getString("phases[0].id"), "in_progress").statusCode(200);
            moveDeliverable(letter, "in_progress").statusCode(200);
            moveDeliverable(letter, "in_progress").statusCode(200);

            List<ProjectEventV1> mine = List.of(
                    await(events), await(events), await(events), await(events));
            assertEquals(List.of(1L, 2L, 3L, 4L), mine.stream().map(ProjectEventV1::sequence).toList());
            assertEquals(List.of(ProjectEventV1.KickedOff.TYPE, ProjectEventV1.StatusChanged.TYPE,
                    ProjectEventV1.PhaseStatusChanged.TYPE, ProjectEventV1.DeliverableStatusChanged.TYPE),
                    mine.stream().map(ProjectEventV1::type).toList());
            var moved = (ProjectEventV1.DeliverableStatusChanged) mine.get(3);
            assertEquals("pending", moved.from());
            assertEquals("in_progress", moved.to());
            assertEquals(studio.admin, moved.changedBy());
            assertEquals(4, events.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> r.key().equals(project.toString())).count(), "a repeated move raises nothing");
        }
    }

    @Test
    void theDashboardShowsProgressTheCurrentPhaseWhatIsDueSoonAndWhatIsOverdue() {
        String letter = deliverable(0, 0);
        clock.pin(day("2030-06-12"));
        movePhase(plan.getString("phases[0].id"), "in_progress").statusCode(200);
        for (String status : List.of("in_progress", "in_review", "done")) {
            moveDeliverable(letter, status).statusCode(200);
        }
        clock.pin(day("2030-06-25"));

        given().auth().oauth2(studio.clientToken()).get("/projects/{id}/dashboard", project).then().statusCode(200)
                .body("today", is("2030-06-25"))
                .body("progress", is(Map.of("done", 1, "total", 4, "percent", 25)))
                .body("currentPhase.name", is("Assessment"))
                .body("phases.progress.percent", contains(50, 0))
                .body("phases[0].actualStart", is("2030-06-12"))
                .body("phases[0].plannedEnd", is("2030-06-23"))
                .body("phases[0].endVarianceDays", is(2))
                .body("phases[1].endVarianceDays", nullValue())
                .body("overdue.name", contains("Assessment call"))
                .body("overdue[0].daysLeft", is(-2))
                .body("dueSoon.name", contains("Chapter notes", "Edited manuscript"))
                .body("dueSoon.due", contains("2030-06-28", "2030-07-03"))
                .body("dueSoon.phaseName", contains("Line edit", "Line edit"));

        movePhase(plan.getString("phases[0].id"), "completed").statusCode(200);
        given().auth().oauth2(studio.adminToken()).get("/projects/{id}/dashboard", project).then().statusCode(200)
                .body("currentPhase.name", is("Line edit"))
                .body("phases[0].actualEnd", is("2030-06-25"))
                .body("phases[0].endVarianceDays", is(2));
    }

    @Test
    void theListIsPagedNewestFirstAndFiltersByStatus() {
        var second = studio.accepted(Instant.parse("2030-06-04T10:00:00Z"), null);
        clock.pin(day("2030-06-04"));
        studio.kickOff(second);
        moveProject("active").statusCode(200);

        given().auth().oauth2(studio.adminToken()).queryParam("size", 1).get("/projects").then().statusCode(200)
                .body("total", is(2))
                .body("items.id", contains(studio.projectOf(second).toString()))
                .body("next", is("/projects?page=1&size=1"));
        given().auth().oauth2(studio.clientToken()).queryParam("status", "active").get("/projects").then()
                .statusCode(200)
                .body("items.id", contains(project.toString()))
                .body("next", nullValue());
        given().auth().oauth2(studio.adminToken()).queryParam("size", 500).get("/projects").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    private ProjectEventV1 await(TopicProbe events) {
        return ProjectEventV1.decode(events.await(r -> r.key().equals(project.toString()), Duration.ofSeconds(30))
                .value());
    }

    private ValidatableResponse moveProject(String status) {
        return put("/projects/{id}/status", status, project);
    }

    private ValidatableResponse movePhase(String phase, String status) {
        return put("/projects/{id}/phases/{phase}/status", status, project, phase);
    }

    private ValidatableResponse moveDeliverable(String deliverable, String status) {
        return put("/projects/{id}/deliverables/{deliverable}/status", status, project, deliverable);
    }

    private ValidatableResponse put(String path, String status, Object... ids) {
        return given().auth().oauth2(studio.adminToken()).contentType("application/json")
                .body(Map.of("status", status)).put(path, ids).then();
    }

    private String deliverable(int phase, int deliverable) {
        return plan.getString("phases[" + phase + "].deliverables[" + deliverable + "].id");
    }

    /** Ten in the morning, UTC, of {@code date}: noon of the same day in the client's Madrid. */
    private static Instant day(String date) {
        return Instant.parse(date + "T10:00:00Z");
    }
}
