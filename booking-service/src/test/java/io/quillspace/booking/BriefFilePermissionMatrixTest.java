package io.quillspace.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.testing.PermissionMatrix;
import io.quillspace.infra.testing.PermissionMatrix.Cell;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.quillspace.infra.testing.PermissionMatrix.row;

/**
 * The README's permission matrix rows of the brief-file endpoints, as for the consultation they belong to: another
 * client, another studio's user (with the client's own id) or admin get 404, no token 401. Each cell gets a fresh
 * studio with one attached file.
 */
@QuarkusTest
class BriefFilePermissionMatrixTest {

    static Stream<Cell> matrix() {
        return Stream.of(
                row("POST /consultations/{id}/brief/files", 201, 404, 201, 404, 404, 401),
                row("POST /consultations/{id}/brief/files/{fileId}/complete", 200, 404, 200, 404, 404, 401),
                row("GET /consultations/{id}/brief/files/{fileId}", 200, 404, 200, 404, 404, 401),
                row("DELETE /consultations/{id}/brief/files/{fileId}", 403, 403, 204, 403, 404, 401)
        ).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void theMatrixHolds(Cell cell) {
        ConsultationApi studio = new ConsultationApi();
        UUID booking = studio.booking();
        String file = BriefFiles.attached(studio, booking, "sample.txt");

        RequestSpecification as = PermissionMatrix.as(cell.caller(), studio.tenant, studio.client, studio.admin);
        Response response = switch (cell.request()) {
            case "POST /consultations/{id}/brief/files" -> as.body(BriefFiles.declaration("cover.png", "image/png", 10))
                    .post("/consultations/{id}/brief/files", booking);
            case "POST /consultations/{id}/brief/files/{fileId}/complete" ->
                    as.post("/consultations/{id}/brief/files/{fileId}/complete", booking, file);
            case "GET /consultations/{id}/brief/files/{fileId}" -> as.get("/consultations/{id}/brief/files/{fileId}", booking, file);
            case "DELETE /consultations/{id}/brief/files/{fileId}" ->
                    as.delete("/consultations/{id}/brief/files/{fileId}", booking, file);
            default -> throw new IllegalArgumentException(cell.request());
        };
        PermissionMatrix.assertAnswer(response, cell);
    }
}
