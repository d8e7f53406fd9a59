package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.PresignedTransfer;
import io.quillspace.infra.testing.TopicProbe;
import io.quillspace.shared.events.ProposalEventV1;
import io.quillspace.shared.events.Topics;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Brief files through the real object store: upload, completion, download, refusals and the event. */
@QuarkusTest
class BriefFileApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    SettableClock clock;

    final ConsultationApi api = new ConsultationApi();

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void aManuscriptUploadedThroughThePresignedUrlIsAttachedOnceAndDownloadsByteForByte() {
        UUID booking = api.booking();
        api.asClient().body(ConsultationApi.validBrief()).when().put("/consultations/{id}/brief", booking)
                .then().statusCode(200);
        try (TopicProbe events = TopicProbe.atEnd(bootstrapServers, Topics.PROPOSAL_EVENTS)) {
            JsonPath upload = BriefFiles.declare(api.asClient(), booking, "The Salt Road.txt");
            assertEquals("PUT", upload.getString("method"));
            assertTrue(upload.getString("url").contains("/pending/" + api.tenant + "/" + booking + "/"));
            assertEquals(200, BriefFiles.upload(upload, BriefFiles.MANUSCRIPT).statusCode());
            String fileId = upload.getString("fileId");

            String completed = api.asClient().when()
                    .post("/consultations/{id}/brief/files/{fileId}/complete", booking, fileId)
                    .then().statusCode(200)
                    .body("status", equalTo("ATTACHED"))
                    .body("briefVersion", equalTo(1))
                    .body("uploadedBy", equalTo(api.client.toString()))
                    .extract().asString();
            String again = api.asClient().when()
                    .post("/consultations/{id}/brief/files/{fileId}/complete", booking, fileId)
                    .then().statusCode(200).extract().asString();
            assertEquals(completed, again);

            String url = api.asAdmin().when().get("/consultations/{id}/brief/files/{fileId}", booking, fileId)
                    .then().statusCode(200)
                    .body("fileName", equalTo("The Salt Road.txt"))
                    .extract().path("download.url");
            HttpResponse<byte[]> downloaded = PresignedTransfer.download(url);
            assertEquals(200, downloaded.statusCode());
            assertArrayEquals(BriefFiles.MANUSCRIPT, downloaded.body());

            var attached = events.await(r -> booking.toString().equals(r.key())
                    && ProposalEventV1.decode(r.value()) instanceof ProposalEventV1.BriefFileAttached, Duration.ofSeconds(30));
            var event = (ProposalEventV1.BriefFileAttached) ProposalEventV1.decode(attached.value());
            assertEquals(UUID.fromString(fileId), event.fileId());
            assertEquals(1, event.briefVersion());
            assertEquals(BriefFiles.MANUSCRIPT.length, event.size());
            // The brief's own brief.submitted may still be on its way to the topic: only a second attach counts.
            assertEquals(List.of(), events.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> booking.toString().equals(r.key()) && !r.equals(attached)
                            && ProposalEventV1.decode(r.value()) instanceof ProposalEventV1.BriefFileAttached).toList());
        }
    }

    @Test
    void completingAnUploadThatNeverArrivedIsAConflict() {
        UUID booking = api.booking();
        String fileId = BriefFiles.declare(api.asClient(), booking, "draft.txt").getString("fileId");

        api.asClient().when().post("/consultations/{id}/brief/files/{fileId}/complete", booking, fileId)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://quillspace.io/problems/upload-missing"));
    }

    @Test
    void theStoreRefusesABodyLargerThanDeclared() {
        UUID booking = api.booking();
        JsonPath upload = BriefFiles.declare(api.asClient(), booking, "draft.txt");
        byte[] larger = (new String(BriefFiles.MANUSCRIPT) + "one more line").getBytes();

        assertEquals(403, BriefFiles.upload(upload, larger).statusCode());
        api.asClient().when().post("/consultations/{id}/brief/files/{fileId}/complete", booking, upload.getString("fileId"))
                .then().statusCode(409);
    }

    @Test
    void theStoreRefusesAnotherContentTypeThanDeclared() {
        UUID booking = api.booking();
        JsonPath upload = BriefFiles.declare(api.asClient(), booking, "draft.txt");
        Map<String, String> headers = new HashMap<>(upload.getMap("headers", String.class, String.class));
        headers.put("Content-Type", "text/html");

        HttpResponse<String> refused = PresignedTransfer.upload(upload.getString("url"), "PUT", headers,
                BriefFiles.MANUSCRIPT);

        assertEquals(403, refused.statusCode());
    }

    @Test
    void theStoreRefusesAnUploadAfterItsUrlExpired() {
        UUID booking = api.booking();
        clock.pin(Instant.now().minus(Duration.ofMinutes(16)));
        JsonPath upload = BriefFiles.declare(api.asClient(), booking, "draft.txt");
        clock.release();

        HttpResponse<String> refused = BriefFiles.upload(upload, BriefFiles.MANUSCRIPT);

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("Request has expired"), refused.body());
    }

    @Test
    void hostileFileNamesAreKeptAsDataAndDownloadUnderASafeName() {
        UUID booking = api.booking();
        String name = "../../etc/\"passwd\"\u202Etxt.exe";
        String fileId = BriefFiles.attached(api, booking, name);

        String url = api.asClient().when().get("/consultations/{id}/brief/files/{fileId}", booking, fileId)
                .then().statusCode(200).body("fileName", equalTo(name)).extract().path("download.url");

        assertEquals("attachment; filename=\".._.._etc__passwd__txt.exe\"; "
                        + "filename*=UTF-8''.._.._etc_%22passwd%22_txt.exe",
                PresignedTransfer.download(url).headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void aFileNameWithANulOrAnotherControlCharacterIsRefused() {
        UUID booking = api.booking();
        for (String name : List.of("manuscript\u0000.pdf", "line\nbreak.pdf", "bell\u0007.pdf", "c1\u0085.pdf")) {
            api.asClient().body(BriefFiles.declaration(name, "application/pdf", 10))
                    .when().post("/consultations/{id}/brief/files", booking)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("fileName"));
        }
    }

    @Test
    void aTypeOutsideTheAllowListOrASizeAbove100MiBIsRefused() {
        UUID booking = api.booking();
        api.asClient().body(BriefFiles.declaration("page.html", "text/html", 10))
                .when().post("/consultations/{id}/brief/files", booking)
                .then().statusCode(400).contentType("application/problem+json");
        api.asClient().body(BriefFiles.declaration("huge.pdf", "application/pdf", 100L * 1024 * 1024 + 1))
                .when().post("/consultations/{id}/brief/files", booking)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("size"));
    }

    @Test
    void anAdminsDeletionRemovesTheFileAndRecordsWhoAndWhen() {
        UUID booking = api.booking();
        String fileId = BriefFiles.attached(api, booking, "old draft.txt");
        String url = api.asClient().when().get("/consultations/{id}/brief/files/{fileId}", booking, fileId)
                .then().statusCode(200).extract().path("download.url");

        api.asAdmin().when().delete("/consultations/{id}/brief/files/{fileId}", booking, fileId).then().statusCode(204);

        api.asClient().when().get("/consultations/{id}/brief/files/{fileId}", booking, fileId).then().statusCode(404);
        assertEquals(404, PresignedTransfer.download(url).statusCode());
        Map<String, Object> row = api.data.runtimeRole.queryAs(api.tenant, api.admin, "admin",
                "select status, deleted_by from brief_files where id = ?", UUID.fromString(fileId)).get(0);
        assertEquals("DELETED", row.get("status"));
        assertEquals(api.admin, row.get("deleted_by"));
    }

    @Test
    void aFileUploadedBeforeAnyBriefRecordsNoBriefVersion() {
        UUID booking = api.booking();
        String fileId = BriefFiles.attached(api, booking, "sample.txt");

        api.asClient().when().get("/consultations/{id}/brief/files/{fileId}", booking, fileId)
                .then().statusCode(200).body("briefVersion", nullValue());
    }
}
