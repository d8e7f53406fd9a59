package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quillspace.infra.CalendlyFixtures;
import io.quillspace.infra.DevTokens;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.Infrastructure;
import io.quillspace.infra.ObjectStore;
import io.quillspace.infra.Ports;
import io.quillspace.infra.ServiceDatabase;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.launcher.Demo;
import io.quillspace.infra.launcher.Fleet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rehearsal of a deploy: each overlay rendered by {@code kubectl kustomize}, and every init container and container
 * of it started from the packaged jars exactly as its pod would start it (see {@link PodLaunches}), on one embedded
 * PostgreSQL, Kafka broker and SMTP server shared by the overlays. Each migration must exit 0; each service must get
 * ready on its probe path, answer its probes, and carry a signed Calendly booking through to the invitee's email; its
 * JSON log lines carry the delivery's trace, tenant and delivery; no {@code /q/*} path answers on the API port; and
 * SIGTERM ends it within the pod's grace period. The substitutions made are printed per overlay.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesRehearsalIT {

    static final String WEBHOOK_TRACE = "0af7651916cd43dd8448eb211c80319c";
    /** Paths of the management interface: none of them may answer on the API port (the one the Ingress routes to). */
    static final List<String> MANAGEMENT_PATHS = List.of("/q/health", "/q/health/live", "/q/health/ready",
            "/q/health/started", "/q/metrics", "/q/openapi", "/q/swagger-ui", "/q/dev-ui", "/q/info");

    /** The test values of Secret email-service-smtp: email-service logs in with them, as at its SMTP relay. */
    static final String SMTP_LOGIN = "quillspace";
    static final String SMTP_PASSWORD = "rehearsal";

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Infrastructure infrastructure;
    static HttpServer jwks;
    static Substitutions.Local local;

    @BeforeAll
    static void startInfrastructure() throws IOException {
        infrastructure = Infrastructure.start(Infrastructure.Ports.EPHEMERAL, true);
        infrastructure.smtp().acceptLogin(SMTP_LOGIN, SMTP_PASSWORD);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] key = DevTokens.publicKeyPem().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, key.length);
            exchange.getResponseBody().write(key);
            exchange.close();
        });
        jwks.start();
        local = new Substitutions.Local(
                infrastructure.postgres().host() + ":" + infrastructure.postgres().port(),
                infrastructure.kafka().bootstrapServers(),
                infrastructure.smtp().host(), infrastructure.smtp().port(),
                // Nothing listens there: exports fail quietly, as with an unreachable collector.
                "http://127.0.0.1:" + Ports.free(),
                "http://127.0.0.1:" + jwks.getAddress().getPort(),
                infrastructure.objectStore().endpoint());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (jwks != null) {
            jwks.stop(0);
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    @Order(1)
    void theDevOverlayStartsAsItsPodsWouldAndDeliversABookingToTheInvitee() throws Exception {
        rehearse("dev");
    }

    @Test
    @Order(2)
    void theProdOverlayStartsAsItsPodsWouldAndDeliversABookingToTheInvitee() throws Exception {
        rehearse("prod");
    }

    /** A setting the manifest forgets stops the build with the container's name and the property. */
    @Test
    @Order(3)
    void aContainerWithoutAnEnvironmentVariableItNeedsFailsNamingTheContainerAndTheProperty() {
        Overlay prod = Overlay.render("prod");
        Deployment email = prod.deployment(FleetService.EMAIL);
        Container container = PodLaunches.container(email);
        Map<String, String> forgotten = new LinkedHashMap<>(prod.environment().of("prod/email-service", container));
        forgotten.remove("QUILLSPACE_EMAIL_UNSUBSCRIBE_SECRET");
        Fleet.Launch launch = prod.launches().launch(FleetService.EMAIL, email, container, ServicePorts.free(), forgotten);
        var launches = Map.of(FleetService.EMAIL, new Fleet.ServiceLaunch(ServicePorts.free(), "/q/health/ready",
                java.util.Optional.empty(), launch));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Fleet.start(launches,
                logs("forgotten"), Duration.ofMinutes(2), service -> { }).close());

        assertTrue(failure.getMessage().startsWith("prod/email-service/email-service exited with"), failure.getMessage());
        assertTrue(failure.getMessage().contains("missing: quillspace.email.unsubscribe.secret"), failure.getMessage());
    }

    /** A manifest referring to a ConfigMap the overlay does not render fails with the container's name. */
    @Test
    void aContainerReadingAConfigMapTheOverlayLacksFailsNamingTheContainer() {
        Overlay dev = Overlay.render("dev");
        Container container = PodLaunches.container(dev.deployment(FleetService.BOOKING));
        container.getEnvFrom().get(0).getConfigMapRef().setName("quillspace-absent");

        AssertionError failure = assertThrows(AssertionError.class, () -> dev.environment().of("dev/booking-service", container));

        assertEquals("dev/booking-service: envFrom ConfigMap quillspace-absent does not exist", failure.getMessage());
    }

    @Test
    void theTestSecretsHaveExactlyTheKeysOfTheExampleSecretsOperatorsCreate() {
        Map<String, Map<String, String>> secrets = Overlay.testSecrets();
        Manifests.file(Repository.K8S.resolve("secrets.example.yaml")).named("Secret").forEach((name, secret) -> {
            if (!secrets.containsKey(name)) {
                // An operations Job's Secret: no Deployment refers to it (PodEnvironment fails for one that does).
                return;
            }
            Set<String> keys = new java.util.TreeSet<>();
            secret.path("stringData").fieldNames().forEachRemaining(keys::add);
            assertEquals(keys, new java.util.TreeSet<>(secrets.getOrDefault(name, Map.of()).keySet()), "Secret " + name);
        });
    }

    private void rehearse(String name) throws Exception {
        long started = System.nanoTime();
        Overlay overlay = Overlay.render(name);
        Map<FleetService, Fleet.ServiceLaunch> launches = overlay.launches().of(overlay.deployments());
        System.out.println("[rehearsal " + name + "] substitutions (hostnames, ports, transport, Secret values):");
        overlay.substitutions().made().forEach(substitution -> System.out.println("  " + substitution));
        overlay.environment().secretKeysUsed().forEach(key -> System.out.printf("  %-9s %-58s %s%n", "SECRET", key,
                "-> test value"));

        try (Fleet fleet = Fleet.start(launches, logs(name), Duration.ofMinutes(5), service -> { })) {
            System.out.printf("[rehearsal %s] migrated and ready in %.1f s%n", name, (System.nanoTime() - started) / 1e9);
            for (Deployment deployment : overlay.deployments()) {
                FleetService service = PodLaunches.service(deployment);
                assertMigrated(fleet, service);
                assertProbesAnswer(fleet, service, PodLaunches.container(deployment));
                assertNoManagementPathOnTheApi(fleet, service);
            }

            long before = messagesToTheInvitee();
            assertEquals(202, Demo.postSignedBooking(fleet, "00-" + WEBHOOK_TRACE + "-b7ad6b7169203331-01"));
            await().atMost(Duration.ofSeconds(60)).until(() -> messagesToTheInvitee() > before);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertLogsCarryTheDelivery(fleet));

            assertSigtermEndsEachServiceWithinItsGracePeriod(fleet, overlay.deployments());
        }
        System.out.printf("[rehearsal %s] done in %.1f s%n", name, (System.nanoTime() - started) / 1e9);
    }

    private static void assertMigrated(Fleet fleet, FleetService service) throws IOException {
        String migration = Files.readString(fleet.migrationLog(service));
        assertTrue(migration.contains("Successfully applied") || migration.contains("is up to date"),
                service.module() + " migration: " + migration);
    }

    private static void assertProbesAnswer(Fleet fleet, FleetService service, Container container) throws Exception {
        Map<String, String> probes = new TreeMap<>(Map.of(
                "startup", PodLaunches.probePath(container, container.getStartupProbe(), "startup"),
                "liveness", PodLaunches.probePath(container, container.getLivenessProbe(), "liveness"),
                "readiness", PodLaunches.probePath(container, container.getReadinessProbe(), "readiness")));
        for (var probe : probes.entrySet()) {
            assertEquals(200, status(fleet.managementUrl(service, probe.getValue())),
                    service.module() + " " + probe.getKey() + " probe " + probe.getValue());
        }
    }

    private static void assertNoManagementPathOnTheApi(Fleet fleet, FleetService service) throws Exception {
        for (String path : MANAGEMENT_PATHS) {
            assertEquals(404, status(fleet.url(service, path)), service.module() + " API port answers " + path);
        }
    }

    /**
     * webhook-ingress logs the delivery it accepts as JSON, with the webhook's trace, its studio and the delivery
     * (booking-service logs each applied delivery at DEBUG only: one line per record was 3% of its batch apply).
     */
    private static void assertLogsCarryTheDelivery(Fleet fleet) throws IOException {
        List<JsonNode> lines = Files.readAllLines(fleet.log(FleetService.WEBHOOK_INGRESS)).stream()
                .filter(line -> line.startsWith("{")).map(KubernetesRehearsalIT::json).toList();
        assertTrue(lines.stream().anyMatch(line -> WEBHOOK_TRACE.equals(line.at("/mdc/traceId").asText())
                        && Fleet.DEMO_TENANT.toString().equals(line.at("/mdc/tenantId").asText())
                        && !line.at("/mdc/deliveryId").asText().isEmpty()),
                "no JSON log line of webhook-ingress carries traceId " + WEBHOOK_TRACE + ", tenantId and deliveryId");
    }

    /**
     * Kubernetes runs the preStop sleep, then sends SIGTERM, and kills the container when the grace period ends: each
     * service must have stopped (its shutdown delay and drain included) within what is left.
     */
    private static void assertSigtermEndsEachServiceWithinItsGracePeriod(Fleet fleet, List<Deployment> deployments)
            throws InterruptedException {
        Map<FleetService, Long> budgets = new EnumMap<>(FleetService.class);
        for (Deployment deployment : deployments) {
            Container container = PodLaunches.container(deployment);
            long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            long preStop = container.getLifecycle() == null || container.getLifecycle().getPreStop() == null
                    || container.getLifecycle().getPreStop().getSleep() == null ? 0
                    : container.getLifecycle().getPreStop().getSleep().getSeconds();
            budgets.put(PodLaunches.service(deployment), grace - preStop);
        }
        long signalled = System.nanoTime();
        budgets.keySet().forEach(service -> fleet.process(service).destroy());
        for (var budget : budgets.entrySet()) {
            ProcessHandle process = fleet.process(budget.getKey());
            long left = TimeUnit.SECONDS.toNanos(budget.getValue()) - (System.nanoTime() - signalled);
            boolean ended = process.onExit().completeOnTimeout(null, Math.max(0, left), TimeUnit.NANOSECONDS)
                    .thenApply(exited -> exited != null).join();
            assertTrue(ended, budget.getKey().module() + " still running " + budget.getValue()
                    + " s after SIGTERM (grace period minus preStop)");
        }
        System.out.printf("  SIGTERM to all services: stopped after %.1f s (budgets %s s)%n",
                (System.nanoTime() - signalled) / 1e9, budgets);
    }

    private static long messagesToTheInvitee() {
        return infrastructure.smtp().receivedMessages().stream().filter(message -> {
            try {
                return message.getAllRecipients() != null
                        && message.getAllRecipients()[0].toString().contains(Demo.INVITEE_EMAIL);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }

    private static int status(java.net.URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Path logs(String name) {
        return Repository.ROOT.resolve(".quillspace/logs/rehearsal-" + name);
    }

    /**
     * One rendered overlay with what its pods need here: fresh databases (the migrations must run from the first),
     * test Secrets under the manifests' keys, and the substitutions.
     */
    record Overlay(String name, Manifests rendered, PodEnvironment environment, Substitutions substitutions,
                   PodLaunches launches) {

        static Overlay render(String name) {
            Manifests rendered = Manifests.render(Repository.K8S.resolve("overlays").resolve(name));
            Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
            rendered.named("ConfigMap").forEach((configMap, resource) -> {
                Map<String, String> data = new LinkedHashMap<>();
                resource.path("data").fields().forEachRemaining(entry -> data.put(entry.getKey(), entry.getValue().asText()));
                configMaps.put(configMap, data);
            });
            PodEnvironment environment = new PodEnvironment(configMaps, testSecrets());
            Substitutions substitutions = new Substitutions(local);
            return new Overlay(name, rendered, environment, substitutions,
                    new PodLaunches(name, environment, substitutions));
        }

        List<Deployment> deployments() {
            return rendered.typed("Deployment", Deployment.class);
        }

        Deployment deployment(FleetService service) {
            return deployments().stream().filter(deployment -> PodLaunches.service(deployment) == service).findFirst()
                    .orElseThrow();
        }

        /** The Secrets the manifests reference, with test values (k8s/secrets.example.yaml lists the same keys). */
        private static Map<String, Map<String, String>> testSecrets() {
            Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
            for (FleetService service : FleetService.values()) {
                service.database().ifPresent(name -> {
                    ServiceDatabase database = infrastructure.postgres().provision(name, true);
                    secrets.put(service.module() + "-db-app",
                            Map.of("username", database.appUser(), "password", database.appPassword()));
                    secrets.put(service.module() + "-db-owner",
                            Map.of("username", database.ownerUser(), "password", database.ownerPassword()));
                });
                // Strimzi's KafkaUser Secret; PLAINTEXT here, so the broker never reads it.
                secrets.put(service.module(), Map.of("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + service.module()
                                + "\" password=\"rehearsal\";"));
            }
            secrets.put("email-service-smtp", Map.of("username", SMTP_LOGIN, "password", SMTP_PASSWORD));
            secrets.put("quillspace-files", Map.of("access-key", ObjectStore.ACCESS_KEY, "secret-key", ObjectStore.SECRET_KEY));
            secrets.put("email-service-unsubscribe", Map.of("secret", UUID.randomUUID().toString()));
            secrets.put("webhook-ingress-calendly", Map.of(
                    "studio-id", Fleet.DEMO_TENANT.toString(),
                    "studio-signing-keys", CalendlyFixtures.TEST_SIGNING_KEY,
                    "studio-organization", "https://api.calendly.com/organizations/REHEARSAL",
                    "studio-api-token", "calendly-token-rehearsal"));
            secrets.put("webhook-ingress-kek", Map.of("QUILLSPACE_INGRESS_KEK_CURRENT", "k1",
                    "QUILLSPACE_INGRESS_KEK_KEYS_K1", "cmVoZWFyc2FsLWtleS1lbmNyeXB0aW9uLWtleS0wMDE="));
            return secrets;
        }
    }
}
