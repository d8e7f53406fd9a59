package io.quillspace.infra.testing;

import io.quillspace.infra.DevTokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

/**
 * The README's permission matrix as test cells: each endpoint as the resource's client, another client of the studio,
 * an admin, a user and an admin of another studio (the user with the client's own id), and without a token.
 */
public final class PermissionMatrix {

    public enum Caller { CLIENT, OTHER_CLIENT, ADMIN, OTHER_TENANT_USER, OTHER_TENANT_ADMIN, NO_TOKEN }

    /** One cell: {@code request} as {@code caller} answers {@code status}. */
    public record Cell(String request, Caller caller, int status) {
        @Override
        public String toString() {
            return request + " as " + caller.name().toLowerCase().replace('_', ' ') + " is " + status;
        }
    }

    private PermissionMatrix() {
    }

    /** One row of the matrix, its statuses in the order of {@link Caller}. */
    public static List<Cell> row(String request, int client, int otherClient, int admin, int otherTenantUser,
                                 int otherTenantAdmin, int noToken) {
        return List.of(new Cell(request, Caller.CLIENT, client), new Cell(request, Caller.OTHER_CLIENT, otherClient),
                new Cell(request, Caller.ADMIN, admin), new Cell(request, Caller.OTHER_TENANT_USER, otherTenantUser),
                new Cell(request, Caller.OTHER_TENANT_ADMIN, otherTenantAdmin),
                new Cell(request, Caller.NO_TOKEN, noToken));
    }

    /** A JSON request as {@code caller} of the studio {@code tenant}, whose client and admin are given. */
    public static RequestSpecification as(Caller caller, UUID tenant, UUID client, UUID admin) {
        RequestSpecification request = switch (caller) {
            case CLIENT -> given().auth().oauth2(DevTokens.token(tenant, client, "user"));
            case OTHER_CLIENT -> given().auth().oauth2(DevTokens.token(tenant, UUID.randomUUID(), "user"));
            case ADMIN -> given().auth().oauth2(DevTokens.token(tenant, admin, "admin"));
            case OTHER_TENANT_USER -> given().auth().oauth2(DevTokens.token(UUID.randomUUID(), client, "user"));
            case OTHER_TENANT_ADMIN -> given().auth().oauth2(DevTokens.token(UUID.randomUUID(), UUID.randomUUID(), "admin"));
            case NO_TOKEN -> given();
        };
        return request.contentType("application/json");
    }

    /** The cell's status, and problem details for every refusal. */
    public static void assertAnswer(Response response, Cell cell) {
        response.then().statusCode(cell.status());
        if (cell.status() >= 400) {
            response.then().contentType(startsWith("application/problem+json"));
        }
    }
}
