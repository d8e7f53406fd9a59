package io.quillspace.booking;

import io.quillspace.infra.testing.PresignedTransfer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The brief-file calls the tests make: declare, upload through the presigned URL, complete. */
final class BriefFiles {

    static final byte[] MANUSCRIPT = "Chapter one.\nThe salt road ran east of the town.\n".getBytes(StandardCharsets.UTF_8);

    private BriefFiles() {
    }

    static Map<String, Object> declaration(String fileName, String contentType, long size) {
        Map<String, Object> file = new HashMap<>();
        file.put("fileName", fileName);
        file.put("contentType", contentType);
        file.put("size", size);
        return file;
    }

    /** Declares a text file of {@link #MANUSCRIPT}'s size named {@code fileName}; the presigned upload. */
    static JsonPath declare(RequestSpecification as, UUID booking, String fileName) {
        return as.body(declaration(fileName, "text/plain", MANUSCRIPT.length))
                .when().post("/consultations/{id}/brief/files", booking)
                .then().statusCode(201).extract().jsonPath();
    }

    /** Sends {@code body} to the presigned upload with exactly the headers it names. */
    static HttpResponse<String> upload(JsonPath upload, byte[] body) {
        return PresignedTransfer.upload(upload.getString("url"), upload.getString("method"),
                upload.getMap("headers", String.class, String.class), body);
    }

    /** The client declares, uploads and completes {@link #MANUSCRIPT} named {@code fileName}; the file id. */
    static String attached(ConsultationApi api, UUID booking, String fileName) {
        return attached(api::asClient, booking, fileName);
    }

    /** The caller {@code as} declares, uploads and completes {@link #MANUSCRIPT} named {@code fileName}; the file id. */
    static String attached(Supplier<RequestSpecification> as, UUID booking, String fileName) {
        JsonPath upload = uploaded(as.get(), booking, fileName);
        String fileId = upload.getString("fileId");
        as.get().when().post("/consultations/{id}/brief/files/{fileId}/complete", booking, fileId)
                .then().statusCode(200);
        return fileId;
    }

    /** Declares and uploads {@link #MANUSCRIPT} named {@code fileName}, not completed; the presigned upload. */
    static JsonPath uploaded(RequestSpecification as, UUID booking, String fileName) {
        JsonPath upload = declare(as, booking, fileName);
        if (upload(upload, MANUSCRIPT).statusCode() != 200) {
            throw new IllegalStateException("the store refused the upload");
        }
        return upload;
    }
}
