package io.quillspace.project;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.PermissionMatrix;
import io.quillspace.infra.testing.PermissionMatrix.Cell;
import io.quillspace.infra.testing.PresignedTransfer;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.ProjectEventV1;
import io.quillspace.shared.events.Topics;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.quillspace.infra.testing.PermissionMatrix.row;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A deliverable's files through the real object store: the studio uploads, the project's client downloads. */
@QuarkusTest
class DeliverableFileTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    AcceptedProposals studio;
    UUID project;
    String deliverable;

    @BeforeEach
    void kickOff() {
        studio = new AcceptedProposals(bootstrapServers);
        var accepted = studio.accepted(Instant.now(), LocalDate.now().plusDays(7));
        deliverable = studio.kickOff(accepted).getString("phases[0].deliverables[0].id");
        project = studio.projectOf(accepted);
    }

    @AfterEach
    void close() {
        studio.close();
    }

    @Test
    void theClientDownloadsTheLetterTheStudioAttachedAndOneEventSaysSo() {
        try (TopicProbe events = TopicProbe.atEnd(bootstrapServers, Topics.PROJECT_EVENTS)) {
            String file = attached("Editorial letter.txt");
            given().auth().oauth2(studio.adminToken())
                    .post(path() + "/{file}/complete", project, deliverable, file).then().statusCode(200);

            String url = given().auth().oauth2(studio.clientToken()).get(path() + "/{file}", project, deliverable, file)
                    .then().statusCode(200)
                    .body("fileName", equalTo("Editorial letter.txt"))
                    .body("status", equalTo("ATTACHED"))
                    .extract().path("download.url");
            HttpResponse<byte[]> downloaded = PresignedTransfer.download(url);
            assertArrayEquals(DeliverableFiles.LETTER, downloaded.body());
            assertEquals("attachment; filename=\"Editorial letter.txt\"; filename*=UTF-8''Editorial%20letter.txt",
                    downloaded.headers().firstValue("Content-Disposition").orElseThrow());

            var record = events.await(r -> project.toString().equals(r.key())
                    && ProjectEventV1.decode(r.value()) instanceof ProjectEventV1.DeliverableFileAttached,
                    Duration.ofSeconds(30));
            var event = (ProjectEventV1.DeliverableFileAttached) ProjectEventV1.decode(record.value());
            assertEquals(UUID.fromString(file), event.fileId());
            assertEquals("Editorial letter", event.deliverableName());
            assertEquals("maria@example.org", event.clientEmail());
            assertEquals(List.of(), events.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> project.toString().equals(r.key()) && !r.equals(record)
                            && ProjectEventV1.decode(r.value()) instanceof ProjectEventV1.DeliverableFileAttached).toList());
        }
    }

    @Test
    void completingAnUploadThatNeverArrivedIsAConflict() {
        String file = declare("letter.txt").getString("fileId");

        given().auth().oauth2(studio.adminToken()).post(path() + "/{file}/complete", project, deliverable, file)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://quillspace.io/problems/upload-missing"));
    }

    @Test
    void aFileNameWithAControlCharacterIsRefused() {
        given().auth().oauth2(studio.adminToken()).contentType("application/json")
                .body(Map.of("fileName", "letter\u0000.pdf", "contentType", "application/pdf", "size", 10))
                .post(path(), project, deliverable)
                .then().statusCode(400).contentType("application/problem+json");
    }

    /** The README's permission matrix rows: the client only reads; outsiders get 404, no token 401. */
    @Test
    void everyFileEndpointFollowsTheProjectsPermissions() {
        Stream.of(
                row("POST …/files", 403, 403, 201, 403, 404, 401),
                row("POST …/files/{fileId}/complete", 403, 403, 200, 403, 404, 401),
                row("GET …/files/{fileId}", 200, 404, 200, 404, 404, 401),
                row("DELETE …/files/{fileId}", 403, 403, 204, 403, 404, 401)
        ).flatMap(List::stream).forEach(cell -> {
            String file = attached("letter.txt");
            RequestSpecification as = PermissionMatrix.as(cell.caller(), studio.tenant, studio.client, studio.admin);
            Response response = switch (cell.request()) {
                case "POST …/files" -> as.body(Map.of("fileName", "cover.png", "contentType", "image/png", "size", 10))
                        .post(path(), project, deliverable);
                case "POST …/files/{fileId}/complete" -> as.post(path() + "/{file}/complete", project, deliverable, file);
                case "GET …/files/{fileId}" -> as.get(path() + "/{file}", project, deliverable, file);
                case "DELETE …/files/{fileId}" -> as.delete(path() + "/{file}", project, deliverable, file);
                default -> throw new IllegalArgumentException(cell.request());
            };
            assertAnswer(response, cell);
        });
    }

    private static void assertAnswer(Response response, Cell cell) {
        try {
            PermissionMatrix.assertAnswer(response, cell);
        } catch (AssertionError e) {
            throw new AssertionError(cell + ": " + e.getMessage(), e);
        }
    }

    private String attached(String fileName) {
        return DeliverableFiles.attached(studio, project, deliverable, fileName);
    }

    private JsonPath declare(String fileName) {
        return DeliverableFiles.declare(studio, project, deliverable, fileName);
    }

    private static String path() {
        return DeliverableFiles.PATH;
    }
}
