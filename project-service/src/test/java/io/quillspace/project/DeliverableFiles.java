package io.quillspace.project;

import io.quillspace.infra.testing.PresignedTransfer;
import io.restassured.path.json.JsonPath;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The deliverable-file calls the tests make as the studio's admin: declare, upload through the presigned URL, complete. */
final class DeliverableFiles {

    static final byte[] LETTER = "Dear Maria,\nthe second half moves faster now.\n".getBytes(StandardCharsets.UTF_8);
    static final String PATH = "/projects/{id}/deliverables/{deliverable}/files";

    private DeliverableFiles() {
    }

    /** Declares, uploads and completes {@link #LETTER} named {@code fileName}; the file id. */
    static String attached(AcceptedProposals studio, UUID project, String deliverable, String fileName) {
        JsonPath upload = declare(studio, project, deliverable, fileName);
        HttpResponse<String> stored = PresignedTransfer.upload(upload.getString("url"), upload.getString("method"),
                upload.getMap("headers", String.class, String.class), LETTER);
        assertEquals(200, stored.statusCode(), stored.body());
        String file = upload.getString("fileId");
        given().auth().oauth2(studio.adminToken()).post(PATH + "/{file}/complete", project, deliverable, file)
                .then().statusCode(200);
        return file;
    }

    /** Declares a text file of {@link #LETTER}'s size named {@code fileName}; the presigned upload. */
    static JsonPath declare(AcceptedProposals studio, UUID project, String deliverable, String fileName) {
        return given().auth().oauth2(studio.adminToken()).contentType("application/json")
                .body(Map.of("fileName", fileName, "contentType", "text/plain", "size", LETTER.length))
                .post(PATH, project, deliverable)
                .then().statusCode(201).extract().jsonPath();
    }
}
