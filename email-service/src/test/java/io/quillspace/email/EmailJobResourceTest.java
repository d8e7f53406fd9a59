package io.quillspace.email;

import io.quarkus.test.junit.QuarkusTest;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.DatabaseProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

/** Email job administration is for admins, and only over their own tenant. */
@QuarkusTest
class EmailJobResourceTest {




    final UUID tenant = UUID.randomUUID();
    UUID job;

    @BeforeEach
    void seed() {
        job = UUID.randomUUID();
        DatabaseProbe.asRuntimeRole().updateAs(tenant.toString(), "", "service", """
                        insert into email_jobs (id, tenant_id, booking_id, user_id, kind, status, recipient, context,
                                                scheduled_for, message_id)
                        values (?, ?, ?, ?, 'CONFIRMATION', 'SENT', 'client@example.org', '{}'::jsonb, now(), '<' || gen_random_uuid() || '@test>')""",
                job, tenant, UUID.randomUUID(), UUID.randomUUID());
    }

    @Test
    void adminListsTheTenantsEmailJobs() {
        given().auth().oauth2(DevTokens.token(tenant, UUID.randomUUID(), "admin"))
                .when().get("/email-jobs")
                .then().statusCode(200)
                .body("id", contains(job.toString()));
    }

    @Test
    void adminOfAnotherTenantSeesNoneOfThem() {
        given().auth().oauth2(DevTokens.token(UUID.randomUUID(), UUID.randomUUID(), "admin"))
                .when().get("/email-jobs")
                .then().statusCode(200)
                .body("$", empty());
    }

    @Test
    void aUserIsForbidden() {
        given().auth().oauth2(DevTokens.token(tenant, UUID.randomUUID(), "user"))
                .when().get("/email-jobs")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }
}
