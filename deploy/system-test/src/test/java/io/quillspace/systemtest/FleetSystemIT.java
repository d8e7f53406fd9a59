package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.launcher.Demo;
import io.quillspace.infra.launcher.Fleet;
import io.quillspace.infra.testing.CalendlyApiStandIn;
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
 * reconciliation in a Calendly API stand-in; and every metric the monitoring queries, scraped. Any broken hop fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetSystemIT {

    static final String CALENDLY_TOKEN = "calendly-token-fleet";
    static final String ORGANIZATION = "https://api.calendly.com/organizations/ORGFLEET";

    /** The trace the test's webhook arrives in, as if Calendly's call were traced. */
    static final String WEBHOOK_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

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
        Path root = Path.of(System.getProperty("quillspace.root"));
        fleet = Fleet.start(infrastructure, root, EnumSet.allOf(FleetService.class), "quarkus-app",
                service -> ServicePorts.free(), Duration.ofMinutes(3), root.resolve(".quillspace/logs"), readyReports::add,
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
    @Order(3)
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
    @Order(4)
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
        String url = infrastructure.postgres().adminUrlFor(infrastructure.database("email").name());
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement query = connection.prepareStatement(
                     "select kind || ':' || status from email_jobs where recipient = ? order by kind")) {
            query.setString(1, email);
            List<String> jobs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    jobs.add(rows.getString(1));
                }
            }
            return jobs;
        }
    }
}
