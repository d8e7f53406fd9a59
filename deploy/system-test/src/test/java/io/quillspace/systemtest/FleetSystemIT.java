package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.launcher.Demo;
import io.quillspace.infra.launcher.Fleet;
import io.quillspace.infra.testing.CalendlyApiStandIn;
import io.quillspace.shared.identity.UserIds;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.quillspace.infra.testing.CalendlyApiStandIn.invitee;
import static io.quillspace.infra.testing.CalendlyApiStandIn.newUuid;
import static io.quillspace.infra.testing.CalendlyApiStandIn.scheduledEvent;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four packaged services as separate processes on one broker, one PostgreSQL and one SMTP server: a signed
 * Calendly booking in, the invitee's confirmation email out; then the consultation's brief and proposal, whose
 * acceptance starts a project and its kickoff email; bookings whose webhooks never came, found by webhook-ingress's
 * reconciliation in a Calendly API stand-in; a studio onboarded through the API alone, whose booking is confirmed in
 * its name; and every metric the monitoring queries, scraped. Any broken hop fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetSystemIT {

    static final String CALENDLY_TOKEN = "calendly-token-fleet";
    static final String ORGANIZATION = "https://api.calendly.com/organizations/ORGFLEET";

    /** The trace the test's webhook arrives in, as if Calendly's call were traced. */
    static final String WEBHOOK_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final ObjectMapper JSON = new ObjectMapper();

    static Infrastructure infrastructure;
    static Fleet fleet;
    static CalendlyApiStandIn calendly;
    static TraceReceiver traces;
    static final List<FleetService> readyReports = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startFleet() throws Exception {
        long started = System.nanoTime();
        infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
        calendly = CalendlyApiStandIn.start();
        traces = new TraceReceiver();
        Map<String, String> tracing = Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.traces.endpoint", traces.endpoint(),
                "quarkus.otel.bsp.schedule.delay", "200ms");
        Map<String, String> ingress = new HashMap<>(tracing);
        ingress.putAll(calendly.ingressSettings("studio", CALENDLY_TOKEN, ORGANIZATION));
        // Subscriptions the stand-in receives point at this fleet's own webhook door, where the test then delivers.
        ServicePorts ingressPorts = ServicePorts.free();
        ingress.put("quillspace.ingress.calendly.callback-base-url",
                "http://127.0.0.1:" + ingressPorts.api() + "/webhooks/calendly");
        Path root = Path.of(System.getProperty("quillspace.root"));
        fleet = Fleet.start(infrastructure, root, EnumSet.allOf(FleetService.class), "quarkus-app",
                service -> service == FleetService.WEBHOOK_INGRESS ? ingressPorts : ServicePorts.free(),
                Duration.ofMinutes(3), root.resolve(".quillspace/logs"), readyReports::add,
                service -> service == FleetService.WEBHOOK_INGRESS ? ingress : tracing);
        System.out.printf("fleet ready in %.1f s; resident memory (KiB): %s%n",
                (System.nanoTime() - started) / 1e9, fleet.residentKib());
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
        if (calendly != null) {
            calendly.close();
        }
        if (traces != null) {
            traces.close();
        }
    }

    @Test
    @Order(1)
    void signedCalendlyBookingEndsAsAConfirmationEmailInTheInviteesTimeZone() throws Exception {
        assertEquals(202, Demo.postSignedBooking(fleet, "00-" + WEBHOOK_TRACE + "-00f067aa0ba902b7-01"));

        MimeMessage confirmation = Demo.awaitMessageTo(infrastructure.smtp(), Demo.INVITEE_EMAIL, Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no confirmation email reached the SMTP server"));
        String text = SmtpServer.textOf(confirmation);
        // The fixture's Saturday 14 March 2026, 10:00 in Madrid, moved by whole weeks to lie ahead.
        String day = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH)
                .format(Demo.MEETING_START.atZone(ZoneId.of("Europe/Madrid")));
        assertTrue(confirmation.getSubject().contains(day + " at 10:00 (Europe/Madrid)"), confirmation.getSubject());
        assertTrue(text.contains(day + ", 10:00–10:45 (Europe/Madrid time)"), text);
        assertTrue(text.contains("Dear Maria Lopez"), text);

        // One webhook, one trace: each service that handled it exported spans of the webhook's trace.
        for (FleetService service : List.of(FleetService.WEBHOOK_INGRESS, FleetService.BOOKING, FleetService.EMAIL)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> traces.exported(service.module(), WEBHOOK_TRACE));
        }
    }

    @Test
    void onSigtermAServiceIsNoLongerReadyButStillAnswersDuringTheShutdownDelay() throws Exception {
        Path root = Path.of(System.getProperty("quillspace.root"));
        try (Fleet leaving = Fleet.start(infrastructure, root, Set.of(FleetService.WEBHOOK_INGRESS), "quarkus-app",
                service -> ServicePorts.free(), Duration.ofMinutes(2), root.resolve(".quillspace/logs/leaving"))) {
            HttpClient http = HttpClient.newHttpClient();
            URI readiness = leaving.managementUrl(FleetService.WEBHOOK_INGRESS, "/q/health/ready");

            leaving.process(FleetService.WEBHOOK_INGRESS).destroy();

            await().atMost(Duration.ofSeconds(4)).until(() -> http.send(HttpRequest.newBuilder(readiness).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 503);
            // An event the system ignores: answered after verification, nothing published.
            assertEquals(202, Demo.postSigned(leaving, "routing_form_submission.created.json", null),
                    "deliveries arriving while endpoints are still being updated are served");
            assertTrue(leaving.process(FleetService.WEBHOOK_INGRESS).isAlive(), "still within the 5 s delay");
        }
    }

    @Test
    void eachServiceWasReportedReadyOnce() {
        assertEquals(EnumSet.allOf(FleetService.class), EnumSet.copyOf(readyReports));
        assertEquals(FleetService.values().length, readyReports.size());
    }

    @Test
    void eachDatabaseWasMigratedByItsOwnStepAndTheServicesRunWithoutTheOwnersCredentials() throws Exception {
        for (FleetService service : FleetService.values()) {
            if (service.database().isEmpty()) {
                continue;
            }
            String migration = Files.readString(fleet.migrationLog(service));
            assertTrue(migration.contains("Successfully applied"), service + " migration log: " + migration);
            String log = Files.readString(fleet.log(service));
            assertFalse(log.contains("Successfully applied") || log.contains("Migrating schema"),
                    service + " migrated at start: " + log);
        }
    }

    @Test
    @Order(2)
    void theAcceptedProposalOfThatConsultationStartsAProjectWithItsKickoffEmail() throws Exception {
        JsonNode project = Demo.acceptAProposal(fleet, Duration.ofSeconds(60));

        assertEquals("The Salt Road", project.path("name").asText());
        assertEquals("kickoff", project.path("status").asText());
        assertEquals(LocalDate.now().plusDays(14).toString(), project.path("kickoffDate").asText(),
                "the brief's desired start");
        assertEquals("Edited manuscript", project.at("/phases/1/deliverables/0/name").asText());
        MimeMessage kickoff = Demo.awaitMessageTo(infrastructure.smtp(), Demo.INVITEE_EMAIL, "Your project \"The Salt Road\"",
                        Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no kickoff email reached the SMTP server"));
        String text = SmtpServer.textOf(kickoff);
        assertTrue(text.contains("1. Assessment") && text.contains("2. Line edit"), text);

        // The demo's manuscript goes to the object store and back, never through a service.
        JsonNode manuscript = Demo.attachManuscript(fleet);
        assertEquals("ATTACHED", manuscript.path("status").asText());
        HttpResponse<byte[]> downloaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(manuscript.at("/download/url").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, downloaded.statusCode());
        assertArrayEquals(Demo.MANUSCRIPT, downloaded.body());
    }

    @Test
    @Order(4)
    void bookingsWhoseWebhooksNeverCameAreRepairedBySweepsAndAnUnchangedSweepSendsNothing() throws Exception {
        String email = "missed-" + UUID.randomUUID() + "@example.org";
        ObjectNode meeting = scheduledEvent(newUuid(), "Manuscript consultation (45 min)",
                Instant.now().plus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS), 45, false);
        ObjectNode invitee = invitee(meeting, newUuid(), email, "Nora Quist", "Europe/Oslo",
                Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
        calendly.reset();
        calendly.serveMeetings(CALENDLY_TOKEN, ORGANIZATION, List.of(meeting), List.of(invitee), 100);

        // The invitee.created webhook was lost: the sweep books it and the invitee gets the confirmation.
        assertEquals(200, sweep());
        MimeMessage confirmation = Demo.awaitMessageTo(infrastructure.smtp(), email, Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("the reconciled booking was not confirmed"));
        assertTrue(SmtpServer.textOf(confirmation).contains("Dear Nora Quist"), SmtpServer.textOf(confirmation));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs(email).contains("CONFIRMATION:SENT"));

        // The same data again: booking-service sees the same delivery ids, so nothing changes and nothing is sent.
        double duplicates = consumed("duplicate");
        assertEquals(200, sweep());
        await().atMost(Duration.ofSeconds(30)).until(() -> consumed("duplicate") > duplicates);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> messagesTo(email) == 1);

        // The invitee.canceled webhook was lost too: the sweep cancels the booking, its reminders are withdrawn and
        // the cancellation goes out.
        calendly.reset();
        CalendlyApiStandIn.canceled(invitee, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        meeting.put("status", "canceled");
        calendly.serveMeetings(CALENDLY_TOKEN, ORGANIZATION, List.of(meeting), List.of(invitee), 100);
        assertEquals(200, sweep());
        await().atMost(Duration.ofSeconds(60)).until(() -> messagesTo(email) == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs(email).contains("CANCELLATION:SENT"));
        List<String> jobs = jobs(email);
        assertTrue(jobs.stream().filter(job -> job.startsWith("REMINDER")).allMatch(job -> job.endsWith(":CANCELLED")),
                "reminders withdrawn: " + jobs);
        assertEquals(2, jobs.stream().filter(job -> job.endsWith(":SENT")).count(), jobs.toString());
    }

    /**
     * Every metric a Grafana panel or an alert of k8s/ queries is exposed by a running service, apart from
     * {@link MetricQueries#NOT_FROM_THE_SERVICES}. A delivery goes through first: some series appear only with their
     * first event (a webhook outcome, a request).
     */
    @Test
    @Order(5)
    void everyMetricTheDashboardsAndAlertsQueryIsExposedByTheServices() throws Exception {
        assertEquals(202, Demo.postSignedBooking(fleet));
        Set<String> queried = new TreeSet<>(MetricQueries.queriedByTheMonitoring());
        queried.removeAll(MetricQueries.NOT_FROM_THE_SERVICES);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(scrapeEveryService());
            assertEquals(Set.of(), missing, "queried by the dashboards or alerts, exposed by no service");
        });
    }

    /**
     * A studio that exists only through the API: the operator creates it, its admin rewrites the profile and connects
     * Calendly (the stand-in checks the token and receives the subscription with the signing key generated for it); a
     * booking signed with that key, posted to the subscription's callback URL, is stored for the studio and confirmed
     * to the invitee in the studio's name, with its sender display name, reply-to and logo.
     */
    @Test
    @Order(3)
    void theDemoClientsExportHoldsWhatBookingEmailAndProjectServiceKeepAboutThem() throws Exception {
        String admin = "Bearer " + DevTokens.token(Fleet.DEMO_TENANT, Demo.ADMIN, "admin");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> requested = http.send(HttpRequest.newBuilder(
                        fleet.url(FleetService.BOOKING, "/clients/" + Demo.CLIENT + "/exports"))
                .header("Authorization", admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, requested.statusCode(), requested.body());
        HttpRequest read = HttpRequest.newBuilder(fleet.url(FleetService.BOOKING, "/")
                        .resolve(requested.headers().firstValue("Location").orElseThrow()))
                .header("Authorization", admin).build();

        // Each service's part travels client-events.v1 and is assembled in booking-service.
        JsonNode export = JSON.readTree(await().atMost(Duration.ofSeconds(60))
                .until(() -> http.send(read, HttpResponse.BodyHandlers.ofString()), answer -> answer.statusCode() == 200)
                .body()).path("services");
        assertEquals(Demo.INVITEE_EMAIL, export.at("/booking/user/email").asText(), export.toString());
        assertEquals(1, export.at("/booking/bookings").size(), export.toString());
        assertEquals("The Salt Road", export.at("/booking/briefs/0/project_name").asText(), export.toString());
        assertFalse(export.at("/booking/proposals").isEmpty(), export.toString());
        Set<String> kinds = new TreeSet<>();
        export.at("/email/emailJobs").forEach(job -> kinds.add(job.path("kind").asText()));
        assertTrue(kinds.containsAll(Set.of("CONFIRMATION", "KICKOFF")), kinds.toString());
        assertEquals("The Salt Road", export.at("/project/projects/0/name").asText(), export.toString());
        assertEquals("The Salt Road - chapter one.txt", export.at("/booking/briefFiles/0/file_name").asText(),
                export.toString());
        assertFalse(export.toString().contains("object_key"), "object keys are internal addresses");
    }

    @Test
    @Order(6)
    void aStudioOnboardedThroughTheApiHasItsSignedBookingConfirmedUnderItsOwnName() throws Exception {
        HttpResponse<String> created = call(FleetService.WEBHOOK_INGRESS, "POST", "/studios",
                DevTokens.operatorToken(UUID.randomUUID()), Map.of("name", "Tinta", "timeZone", "UTC"));
        assertEquals(201, created.statusCode(), created.body());
        UUID studio = UUID.fromString(JSON.readTree(created.body()).path("id").asText());
        String admin = DevTokens.token(studio, UUID.randomUUID(), "admin");
        // The name differs from the one it was created with: the confirmation must carry the update, not the creation.
        HttpResponse<String> profile = call(FleetService.WEBHOOK_INGRESS, "PUT", "/studios/" + studio + "/profile", admin,
                Map.of("name", "Atelier Tinta", "timeZone", "Europe/Lisbon", "senderDisplayName", "Tinta Editorial",
                        "replyTo", "desk@tinta.example", "logoUrl", "https://tinta.example/logo.png"));
        assertEquals(200, profile.statusCode(), profile.body());

        String token = "pat-" + newUuid();
        String organization = CalendlyApiStandIn.API + "/organizations/O" + newUuid();
        URI door = fleet.url(FleetService.WEBHOOK_INGRESS, "/webhooks/calendly/" + studio);
        calendly.serveUser(token, CalendlyApiStandIn.API + "/users/U" + newUuid(), organization, "owner");
        calendly.serveSubscriptions(token, organization, List.of(),
                CalendlyApiStandIn.webhookSubscription(newUuid(), organization, door.toString(), true, null));
        HttpResponse<String> connected = call(FleetService.WEBHOOK_INGRESS, "PUT", "/studios/" + studio + "/calendly",
                admin, Map.of("token", token));
        assertEquals(200, connected.statusCode(), connected.body());
        List<JsonNode> subscriptions = new ArrayList<>();
        for (var request : calendly.requests(postRequestedFor(urlPathEqualTo("/webhook_subscriptions")))) {
            JsonNode subscription = JSON.readTree(request.getBodyAsString());
            if (organization.equals(subscription.path("organization").asText())) {
                subscriptions.add(subscription);
            }
        }
        assertEquals(1, subscriptions.size(), subscriptions.toString());
        assertEquals(door.toString(), subscriptions.get(0).path("url").asText(), "the studio's callback URL");
        String signingKey = subscriptions.get(0).path("signing_key").asText();

        // email-service has the new profile before the booking can reach it, so the From cannot race the event.
        await().atMost(Duration.ofSeconds(60)).until(() -> emailRows(
                "select name || '|' || sender_display_name || '|' || reply_to || '|' || logo_url from studios"
                        + " where tenant_id = ?", studio),
                List.of("Atelier Tinta|Tinta Editorial|desk@tinta.example|https://tinta.example/logo.png")::equals);

        String email = "onboarded-" + UUID.randomUUID() + "@example.org";
        byte[] booking = inviteeCreated(email, "Ines Duarte");
        // The door loads the studio's keys on the signing_keys notification: accepted as soon as it has them.
        await().atMost(Duration.ofSeconds(15)).until(() -> deliver(door, signingKey, booking) == 202);
        assertEquals(401, deliver(door, CalendlyFixtures.TEST_SIGNING_KEY, booking), "the demo studio's key");

        MimeMessage confirmation = Demo.awaitMessageTo(infrastructure.smtp(), email, Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("the onboarded studio's booking was not confirmed"));
        assertEquals("Tinta Editorial", ((InternetAddress) confirmation.getFrom()[0]).getPersonal());
        assertEquals("desk@tinta.example", confirmation.getHeader("Reply-To", ","));
        String text = SmtpServer.textOf(confirmation);
        assertTrue(text.contains("Dear Ines Duarte") && text.contains("with Atelier Tinta is confirmed"), text);
        String html = SmtpServer.partOf(confirmation, "text/html");
        assertTrue(html.contains("<img src=\"https://tinta.example/logo.png\" alt=\"Atelier Tinta\""), html);

        // booking-service stored it as the studio's own consultation, for the invitee as the studio's client.
        JsonNode consultations = JSON.readTree(call(FleetService.BOOKING, "GET", "/consultations", admin, null).body());
        assertEquals(1, consultations.path("total").asLong(), consultations.toString());
        assertEquals(UserIds.forEmail(studio, email).toString(), consultations.at("/items/0/userId").asText());
    }

    /**
     * An {@code invitee.created} delivery as Calendly posts it, for a new invitee of a new meeting five days ahead:
     * the invitee resource with its meeting embedded as {@code scheduled_event}.
     */
    private static byte[] inviteeCreated(String email, String name) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode meeting = scheduledEvent(newUuid(), "Manuscript consultation (45 min)",
                now.plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS), 45, false);
        ObjectNode payload = invitee(meeting, newUuid(), email, name, "Europe/Lisbon", now);
        payload.set("scheduled_event", meeting);
        ObjectNode delivery = JSON.createObjectNode().put("event", "invitee.created").put("created_at", now.toString())
                .put("created_by", CalendlyApiStandIn.API + "/users/USR1STUDIO");
        delivery.set("payload", payload);
        return JSON.writeValueAsBytes(delivery);
    }

    /** Posts the delivery to {@code door} signed now with {@code key}, as Calendly would; returns the HTTP status. */
    private static int deliver(URI door, String key, byte[] delivery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(door)
                .header("Content-Type", "application/json")
                .header("Calendly-Webhook-Signature", CalendlyFixtures.signatureHeader(key, Instant.now(), delivery))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** A request to a service's API with a bearer token and, unless null, a JSON body. */
    private static HttpResponse<String> call(FleetService service, String method, String path, String token,
                                             Object body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(fleet.url(service, path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sample names of every service's {@code /q/metrics}, the endpoint the PodMonitors scrape. */
    private static Set<String> scrapeEveryService() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> exposed = new TreeSet<>();
        for (FleetService service : FleetService.values()) {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(fleet.managementUrl(service, "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), service.module() + " /q/metrics");
            exposed.addAll(MetricQueries.exposed(metrics.body()));
        }
        return exposed;
    }

    private static int sweep() throws Exception {
        var request = HttpRequest.newBuilder(fleet.url(FleetService.WEBHOOK_INGRESS, "/calendly/studio/reconciliations"))
                .header("Authorization", "Bearer " + DevTokens.token(Fleet.DEMO_TENANT, UUID.randomUUID(), "admin"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build();
        var answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("sweep: HTTP " + answer.statusCode() + " " + answer.body());
        return answer.statusCode();
    }

    /** booking-service's count of calendly-webhooks.v1 records with that outcome. */
    private static double consumed(String outcome) throws Exception {
        var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(fleet.managementUrl(FleetService.BOOKING, "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String series = "quillspace_consumer_records_total{channel=\"calendly-webhooks.v1\",outcome=\"" + outcome + "\"} ";
        // The value, then possibly an exemplar: "1.0 # {span_id=…} 1.0 …".
        return answer.body().lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length()).trim().split(" ")[0])).sum();
    }

    private static long messagesTo(String email) {
        return infrastructure.smtp().receivedMessages().stream().filter(message -> {
            try {
                return message.getAllRecipients() != null && message.getAllRecipients()[0].toString().contains(email);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }

    /** The invitee's email jobs as KIND:STATUS, read as the database admin. */
    private static List<String> jobs(String email) throws Exception {
        return emailRows("select kind || ':' || status from email_jobs where recipient = ? order by kind", email);
    }

    /** The first column of each row of a one-parameter query of email-service's database, read as the database admin. */
    private static List<String> emailRows(String sql, Object parameter) throws Exception {
        String url = infrastructure.postgres().adminUrlFor(infrastructure.database("email").name());
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
