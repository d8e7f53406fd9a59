package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.launcher.Demo;
import io.quillspace.infra.launcher.Fleet;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four packaged services as separate processes on one broker, one PostgreSQL and one SMTP server: a signed
 * Calendly booking in, the invitee's confirmation email out; then the consultation's brief and proposal, whose
 * acceptance starts a project and its kickoff email. Any broken hop fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetSystemIT {

    static Infrastructure infrastructure;
    static Fleet fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        long started = System.nanoTime();
        infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
        Map<FleetService, Integer> ports = new EnumMap<>(FleetService.class);
        for (FleetService service : FleetService.values()) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.put(service, socket.getLocalPort());
            }
        }
        fleet = Fleet.start(infrastructure, Path.of(System.getProperty("quillspace.root")), ports::get,
                Duration.ofMinutes(3));
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
    }

    @Test
    @Order(1)
    void signedCalendlyBookingEndsAsAConfirmationEmailInTheInviteesTimeZone() throws Exception {
        assertEquals(202, Demo.postSignedBooking(fleet));

        MimeMessage confirmation = Demo.awaitMessageTo(infrastructure.smtp(), Demo.INVITEE_EMAIL, Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no confirmation email reached the SMTP server"));
        String text = SmtpServer.textOf(confirmation);
        assertTrue(confirmation.getSubject().contains("Saturday 14 March 2026 at 10:00 (Europe/Madrid)"),
                confirmation.getSubject());
        assertTrue(text.contains("Saturday 14 March 2026, 10:00–10:45 (Europe/Madrid time)"), text);
        assertTrue(text.contains("Dear Maria Lopez"), text);
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
    }

    /**
     * Every metric a Grafana panel or an alert of k8s/ queries is exposed by a running service, apart from
     * {@link MetricQueries#NOT_FROM_THE_SERVICES}. A delivery goes through first: some series appear only with their
     * first event (a webhook outcome, a request).
     */
    @Test
    @Order(3)
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
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(fleet.url(service, "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), service.module() + " /q/metrics");
            exposed.addAll(MetricQueries.exposed(metrics.body()));
        }
        return exposed;
    }
}
