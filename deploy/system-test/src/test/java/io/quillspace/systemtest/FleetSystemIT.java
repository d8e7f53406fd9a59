package io.quillspace.systemtest;

import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.SmtpServer;
import io.quillspace.infra.launcher.Demo;
import io.quillspace.infra.launcher.Fleet;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four packaged services as separate processes on one broker, one PostgreSQL and one SMTP server: a signed
 * Calendly booking in, the invitee's confirmation email out. Any broken hop fails it.
 */
class FleetSystemIT {

    /** The trace the test's webhook arrives in, as if Calendly's call were traced. */
    static final String WEBHOOK_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    static Infrastructure infrastructure;
    static Fleet fleet;
    static TraceReceiver traces;
    static final List<FleetService> readyReports = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startFleet() throws Exception {
        long started = System.nanoTime();
        infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
        traces = new TraceReceiver();
        fleet = Fleet.start(infrastructure, Path.of(System.getProperty("quillspace.root")), service -> ServicePorts.free(),
                Duration.ofMinutes(3), readyReports::add, Map.of(
                        "quarkus.otel.sdk.disabled", "false",
                        "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                        "quarkus.otel.exporter.otlp.traces.endpoint", traces.endpoint(),
                        "quarkus.otel.bsp.schedule.delay", "200ms"));
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
        if (traces != null) {
            traces.close();
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
    void signedCalendlyBookingEndsAsAConfirmationEmailInTheInviteesTimeZone() throws Exception {
        assertEquals(202, Demo.postSignedBooking(fleet, "00-" + WEBHOOK_TRACE + "-00f067aa0ba902b7-01"));

        MimeMessage confirmation = Demo.awaitMessageTo(infrastructure.smtp(), Demo.INVITEE_EMAIL, Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("no confirmation email reached the SMTP server"));
        String text = SmtpServer.textOf(confirmation);
        assertTrue(confirmation.getSubject().contains("Saturday 14 March 2026 at 10:00 (Europe/Madrid)"),
                confirmation.getSubject());
        assertTrue(text.contains("Saturday 14 March 2026, 10:00–10:45 (Europe/Madrid time)"), text);
        assertTrue(text.contains("Dear Maria Lopez"), text);

        // One webhook, one trace: each service that handled it exported spans of the webhook's trace.
        for (FleetService service : List.of(FleetService.WEBHOOK_INGRESS, FleetService.BOOKING, FleetService.EMAIL)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> traces.exported(service.module(), WEBHOOK_TRACE));
        }
    }
}
