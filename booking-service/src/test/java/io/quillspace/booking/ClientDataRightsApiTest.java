package io.quillspace.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.quillspace.booking.client.ClientExportRetention;
import io.quillspace.booking.entity.BriefFile;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.testing.DatabaseProbe;
import io.quillspace.infra.testing.DatabaseSecurityChecks;
import io.quillspace.infra.testing.PresignedTransfer;
import io.quillspace.shared.events.CalendlyDeliveryV1;
import io.quillspace.shared.events.ClientEventV1;
import io.quillspace.shared.events.Topics;
import io.quillspace.shared.files.FileKeys;
import io.quillspace.shared.files.ObjectStorage;
import io.quillspace.shared.identity.UserIds;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client's export and erasure through the API and client-events.v1. The email and project parts are published on the
 * topic as those services publish them (their own tests prove they answer a request with their part).
 */
@QuarkusTest
class ClientDataRightsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ClientExportRetention retention;

    @Inject
    ObjectStorage storage;

    CalendlyDeliveries calendly;
    KafkaProducer<String, byte[]> producer;
    String email;
    UUID client;
    String admin;

    @BeforeEach
    void aClientBooks() {
        calendly = new CalendlyDeliveries(bootstrapServers);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        email = "maria-" + UUID.randomUUID() + "@example.org";
        client = UserIds.forEmail(calendly.tenant, email);
        admin = DevTokens.token(calendly.tenant, UUID.randomUUID(), "admin");
        calendly.send(calendly.fixture("invitee.created.json", payload -> payload.put("email", email)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/consultations").then().statusCode(200).body("items.size()", equalTo(1)));
    }

    @AfterEach
    void close() {
        calendly.close();
        producer.close();
    }

    @Test
    void anExportIsPendingUntilEveryServicesPartArrivedThenOneDocument() throws Exception {
        Response requested = given().auth().oauth2(admin).post("/clients/{user}/exports", client);
        requested.then().statusCode(202).header("Location", containsString("/clients/" + client + "/exports/"));
        String location = requested.header("Location");
        UUID request = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        // booking-service answers its own request from the topic, like every other service.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin).get(location)
                .then().statusCode(202).body("status", equalTo("pending")).body("parts", hasItem("booking")));
        publishPart(request, "email", "{\"emailJobs\": [{\"kind\": \"CONFIRMATION\", \"recipient\": \"" + email + "\"}]}");
        publishPart(request, "project", "{\"projects\": [{\"name\": \"The Salt Road\"}]}");

        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(admin).get(location).statusCode() == 200);
        JsonNode document = JSON.readTree(given().auth().oauth2(admin).get(location).then().statusCode(200)
                .extract().asString());
        assertEquals(client.toString(), document.get("client").get("userId").asText());
        assertFalse(document.get("generatedAt").asText().isEmpty());
        JsonNode services = document.get("services");
        assertEquals(email, services.get("booking").get("user").get("email").asText());
        JsonNode booking = services.get("booking").get("bookings").get(0);
        assertTrue(booking.get("intake").toString().contains("The Salt Road"), booking.toString());
        assertEquals("CREATED", booking.get("history").get(0).get("change").asText());
        assertEquals(email, services.get("email").get("emailJobs").get(0).get("recipient").asText());
        assertEquals("The Salt Road", services.get("project").get("projects").get(0).get("name").asText());
    }

    @Test
    void theClientMayAskForTheirOwnExportButNoOneElsesAndAnotherStudioSeesNoOne() {
        given().auth().oauth2(DevTokens.token(calendly.tenant, client, "user")).post("/clients/{user}/exports", client)
                .then().statusCode(202);
        given().auth().oauth2(DevTokens.token(calendly.tenant, UUID.randomUUID(), "user"))
                .post("/clients/{user}/exports", client)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.token(UUID.randomUUID(), UUID.randomUUID(), "admin"))
                .post("/clients/{user}/exports", client)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.token(UUID.randomUUID(), UUID.randomUUID(), "admin"))
                .post("/clients/{user}/erasure", client)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.token(calendly.tenant, client, "user")).post("/clients/{user}/erasure", client)
                .then().statusCode(403);
    }

    @Test
    void badInputIsAProblem() {
        given().auth().oauth2(admin).get("/clients/{user}/exports/{request}", client, "not-a-request")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).post("/clients/{user}/erasure", "not-a-client")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/clients/{user}/exports/{request}", client, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin).post("/clients/{user}/exports", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anExportIsPurgedOnceItsRetentionHasPassed() throws Throwable {
        String location = given().auth().oauth2(admin).post("/clients/{user}/exports", client)
                .then().statusCode(202).extract().header("Location");

        VertxContextSupport.subscribeAndAwait(() -> retention.purge(Instant.now().plus(Duration.ofDays(8))));

        given().auth().oauth2(admin).get(location).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void erasureLeavesNoPersonalDataRecordsItInHistoryAndLaterDeliveriesAreDropped() {
        UUID booking = UUID.fromString(given().auth().oauth2(admin).get("/consultations").then().statusCode(200)
                .extract().path("items[0].id"));
        DatabaseProbe.asRuntimeRole().updateAs(calendly.tenant.toString(), client.toString(), "user", """
                        insert into project_briefs (tenant_id, booking_id, user_id, project_name, genre, budget_min,
                            budget_max, desired_start_date, goals, contact_email, submitted_by)
                        values (?, ?, ?, 'The Salt Road', 'Literary fiction', 3000, 6000, date '2030-01-07',
                            'A tighter second half', ?, ?)""",
                calendly.tenant, booking, client, email, client);

        given().auth().oauth2(admin).post("/clients/{user}/erasure", client).then().statusCode(202);

        DatabaseProbe owner = DatabaseProbe.asMigrationOwner();
        await().atMost(Duration.ofSeconds(30)).until(() -> !owner.queryAs(calendly.tenant, null, "service",
                "select 1 from erased_clients where user_id = ?", client).isEmpty());
        String everything = owner.queryAs(calendly.tenant, null, "service", """
                        select concat((select string_agg(to_jsonb(u)::text, '') from users u),
                                      (select string_agg(to_jsonb(b)::text, '') from consultation_bookings b),
                                      (select string_agg(to_jsonb(h)::text, '') from booking_history h),
                                      (select string_agg(to_jsonb(p)::text, '') from project_briefs p)) as rows""")
                .get(0).get("rows").toString();
        for (String personal : List.of(email, "Maria Lopez", "The Salt Road", "A tighter second half",
                "meet.google.com")) {
            assertFalse(everything.contains(personal), personal + " is still held: " + everything);
        }
        // The booking and its history stay, counted and in order, with the erasure as the last entry.
        given().auth().oauth2(admin).get("/consultations/{id}", booking).then().statusCode(200)
                .body("history[-1].change", equalTo("CLIENT_ERASED"));

        // A reconciliation's replay of the booking, and a new booking under the same address: both dropped, counted.
        CalendlyDeliveryV1 original = calendly.fixture("invitee.created.json", payload -> payload.put("email", email));
        CalendlyDeliveryV1 replay = new CalendlyDeliveryV1(UUID.randomUUID(), original.tenantId(), original.event(),
                original.payloadUpdatedAt(), Instant.now(), original.payload(), CalendlyDeliveryV1.Source.RECONCILIATION);
        CalendlyDeliveryV1 rebooked = calendly.fixture("invitee.created.json", payload -> payload
                .put("email", email).put("uri", payload.get("uri").asText() + "-again"));
        calendly.send(replay);
        calendly.send(rebooked);
        await().atMost(Duration.ofSeconds(20)).until(() -> owner.queryAs(calendly.tenant, null, "service",
                "select outcome from processed_deliveries where delivery_id in (?, ?) and outcome = 'erased'",
                replay.deliveryId(), rebooked.deliveryId()).size() == 2);
        given().auth().oauth2(admin).get("/consultations").then().statusCode(200).body("items.size()", equalTo(1));
        assertFalse(owner.queryAs(calendly.tenant, null, "service", "select concat(email, name) as who from users")
                .toString().contains(email));
    }

    @Test
    void aMistakenErasureIsLiftedForNewDeliveriesByTheOwnerAsTheReadmeSaysWhileTheErasedDataStaysErased() {
        given().auth().oauth2(admin).post("/clients/{user}/erasure", client).then().statusCode(202);
        DatabaseProbe owner = DatabaseProbe.asMigrationOwner();
        await().atMost(Duration.ofSeconds(30)).until(() -> !owner.queryAs(calendly.tenant, null, "service",
                "select 1 from erased_clients where user_id = ?", client).isEmpty());

        // README "An erasure made by mistake", word for word.
        owner.execute("""
                begin;
                select set_config('app.current_tenant_id', '%s', true);
                delete from erased_clients where user_id = '%s';
                commit;""".formatted(calendly.tenant, client));

        calendly.send(calendly.fixture("invitee.created.json", payload -> payload
                .put("email", email).put("uri", payload.get("uri").asText() + "-again")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/consultations").then().statusCode(200).body("items.size()", equalTo(2)));
        assertEquals(1, owner.queryAs(calendly.tenant, null, "service",
                "select 1 from booking_history where change = 'CLIENT_ERASED'").size());
    }

    @Test
    void erasureDeletesTheClientsBriefFilesFromTheStoreAndLeavesAnotherClientsFile() {
        ConsultationApi api = new ConsultationApi();
        UUID booking = api.booking();
        String attached = BriefFiles.attached(api, booking, "The Salt Road.txt");
        String pending = BriefFiles.uploaded(api.asClient(), booking, "draft.txt").getString("fileId");
        UUID other = UUID.randomUUID();
        UUID othersBooking = api.data.booking(api.tenant, other, Instant.now().plus(Duration.ofDays(2)));
        String othersFile = BriefFiles.attached(api::asAdmin, othersBooking, "Another Road.txt");
        String attachedUrl = downloadUrl(api, booking, attached);
        String pendingUrl = storage.withDownload(pendingFile(api.tenant, booking, pending)).download().url();
        String othersUrl = downloadUrl(api, othersBooking, othersFile);
        assertEquals(200, PresignedTransfer.download(pendingUrl).statusCode());

        api.asAdmin().post("/clients/{user}/erasure", api.client).then().statusCode(202);

        DatabaseProbe owner = DatabaseProbe.asMigrationOwner();
        await().atMost(Duration.ofSeconds(30)).until(() -> !owner.queryAs(api.tenant, null, "service",
                "select 1 from erased_clients where user_id = ?", api.client).isEmpty());
        assertEquals(404, PresignedTransfer.download(attachedUrl).statusCode());
        assertEquals(404, PresignedTransfer.download(pendingUrl).statusCode());
        api.asClient().get("/consultations/{id}/brief/files/{fileId}", booking, attached).then().statusCode(404);
        api.asAdmin().get("/consultations/{id}/brief/files/{fileId}", booking, attached).then().statusCode(404);
        api.asClient().post("/consultations/{id}/brief/files/{fileId}/complete", booking, pending)
                .then().statusCode(409).contentType("application/problem+json");
        // The rows stay, as after an admin's deletion, without their names.
        List<Map<String, Object>> rows = owner.queryAs(api.tenant, null, "service",
                "select status, file_name from brief_files where user_id = ?", api.client);
        assertEquals(2, rows.size());
        for (Map<String, Object> row : rows) {
            assertEquals(Map.of("status", "DELETED", "file_name", "erased"), row);
        }
        assertArrayEquals(BriefFiles.MANUSCRIPT, PresignedTransfer.download(othersUrl).body());
        api.asAdmin().get("/consultations/{id}/brief/files/{fileId}", othersBooking, othersFile).then().statusCode(200)
                .body("fileName", equalTo("Another Road.txt"));
    }

    @Test
    void theRuntimeRoleMayOnlyAppendHistoryAndErasedClientsAndRunsTheErasureAsItsOwner() {
        DatabaseProbe runtime = DatabaseProbe.asRuntimeRole();
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "booking_history"));
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "erased_clients"));
        assertEquals(List.of("INSERT", "SELECT"), DatabaseSecurityChecks.runtimeRolePrivileges(runtime, "project_briefs"));
        assertTrue(DatabaseSecurityChecks.runsAsAnotherOwnerForTheRuntimeRole(runtime, "erase_client"));
    }

    private static String downloadUrl(ConsultationApi api, UUID booking, String fileId) {
        return api.asAdmin().get("/consultations/{id}/brief/files/{fileId}", booking, fileId).then().statusCode(200)
                .extract().path("download.url");
    }

    /** The file as far as a presigned download needs it: its pending object, which the API never offers. */
    private static BriefFile pendingFile(UUID tenant, UUID booking, String fileId) {
        BriefFile file = new BriefFile();
        file.objectKey = FileKeys.pending(tenant, booking, UUID.fromString(fileId));
        file.fileName = "draft.txt";
        return file;
    }

    private void publishPart(UUID request, String service, String part) throws Exception {
        var event = new ClientEventV1.ExportPart(UUID.randomUUID(), calendly.tenant, request, client, service,
                JSON.readTree(part), Instant.now());
        producer.send(new ProducerRecord<>(Topics.CLIENT_EVENTS, event.key(),
                ClientEventV1.encode(event).getBytes(StandardCharsets.UTF_8))).get();
    }
}
