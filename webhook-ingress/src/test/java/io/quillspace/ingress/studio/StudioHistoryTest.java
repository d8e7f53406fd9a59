package io.quillspace.ingress.studio;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.DatabaseSecurityChecks;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A studio's detail views show every change of it, who made it and which profile fields it touched. */
@QuarkusTest
class StudioHistoryTest {

    final UUID operatorId = UUID.randomUUID();
    final UUID adminId = UUID.randomUUID();

    @Test
    void everyChangeIsShownWithItsAuthorAndAnUpdateWithTheFieldsItChanged() {
        String id = operator().body(StudioRegistryTest.PROFILE).post("/studios").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> edited = new HashMap<>(StudioRegistryTest.PROFILE);
        edited.put("name", "Ink & Quill Studio");
        edited.put("logoUrl", "https://cdn.inkquill.example/logo-2.png");
        admin(UUID.fromString(id)).body(edited).put("/studios/" + id + "/profile").then().statusCode(200);
        operator().post("/studios/" + id + "/suspension").then().statusCode(200);
        operator().post("/studios/" + id + "/suspension").then().statusCode(200);
        operator().delete("/studios/" + id + "/suspension").then().statusCode(200);

        operator().get("/studios/" + id).then().statusCode(200)
                .body("name", equalTo("Ink & Quill Studio"))
                .body("history.change", contains("CREATED", "UPDATED", "SUSPENDED", "RESUMED"))
                .body("history.version", contains(1, 2, 3, 4))
                .body("history.status", contains("active", "active", "suspended", "active"))
                .body("history[1].changedFields", contains("name", "logoUrl"))
                .body("history[0].changedFields", nullValue())
                .body("history.actor", contains(operatorId.toString(), adminId.toString(), operatorId.toString(),
                        operatorId.toString()))
                .body("history.actorRole", contains("platform-operator", "admin", "platform-operator",
                        "platform-operator"))
                .body("history[3].at", notNullValue());
        admin(UUID.fromString(id)).get("/studios/" + id + "/profile").then().statusCode(200)
                .body("history.change", contains("CREATED", "UPDATED", "SUSPENDED", "RESUMED"));

        operator().delete("/studios/" + id).then().statusCode(204);
        assertEquals(List.of("CREATED", "UPDATED", "SUSPENDED", "RESUMED", "DELETED"), DatabaseProbe.asRuntimeRole()
                .queryAs(UUID.fromString(id), null, "service", "select change from studio_history order by id")
                .stream().map(row -> row.get("change")).toList());
    }

    @Test
    void theRuntimeRoleCanOnlyReadAndAppendStudioHistory() {
        String id = operator().body(StudioRegistryTest.PROFILE).post("/studios").then().statusCode(201)
                .extract().path("id");
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "studio_history"));
        for (String sql : List.of("update studio_history set change = 'DELETED'", "delete from studio_history")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> runtime.updateAs(id, "", "service", sql));
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        }
    }

    private RequestSpecification operator() {
        return given().auth().oauth2(DevTokens.operatorToken(operatorId)).contentType("application/json");
    }

    private RequestSpecification admin(UUID studio) {
        return given().auth().oauth2(DevTokens.token(studio, adminId, "admin")).contentType("application/json");
    }
}
