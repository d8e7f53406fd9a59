package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.quillspace.infra.FleetService;
import io.quillspace.shared.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.quillspace.systemtest.Repository.K8S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every overlay as {@code kubectl kustomize} renders it, read as typed Kubernetes objects: what a cluster would get.
 * Probes and scraping use the management port, every container is limited and non-root, production images are pinned
 * by digest, every referenced key exists or is documented, Services, selectors and policies meet real pods, public
 * HTTPS is open per need and never to a private range, consumers never outnumber partitions, and the Deployments hand
 * each service only settings and credentials it reads.
 */
class KubernetesOverlaysTest {

    private static final int HTTP_PORT = 8080;
    private static final int MANAGEMENT_PORT = 9000;
    private static final Map<String, String> PROBES = Map.of("startupProbe", "/q/health/started",
            "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");

    /** Settings naming an endpoint a service connects to, as URLs. */
    private static final Pattern OUTBOUND_URLS = Pattern.compile("QUARKUS_DATASOURCE_REACTIVE_URL"
            + "|QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT|MP_JWT_VERIFY_PUBLICKEY_LOCATION|QUARKUS_REST_CLIENT_[A-Z0-9_]+_URL");
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("https", 443, "http", 80, "postgresql", 5432);
    private static final int DNS_PORT = 53;

    /** The policies opening 443 to public addresses, each by the setting that names the host it serves. */
    private static final Map<String, String> PUBLIC_HTTPS = Map.of(
            "egress-https-jwks", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            "webhook-ingress-egress-calendly-api", "QUARKUS_REST_CLIENT_CALENDLY_URL",
            "egress-https-object-store", "QUILLSPACE_FILES_ENDPOINT");

    /** RFC 1918 and the carrier-grade NAT range (RFC 6598). */
    private static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10");

    /** Read by the base image's run-java.sh (the JVM's settings) or glibc, so no application.properties names them. */
    private static final Set<String> READ_BY_THE_IMAGE = Set.of("JAVA_MAX_MEM_RATIO", "GC_CONTAINER_OPTIONS",
            "GC_MAX_HEAP_FREE_RATIO", "GC_MAX_METASPACE_SIZE", "MALLOC_ARENA_MAX");

    /** Credentials: never in a file, so no application.properties names them either. */
    private static final Set<String> CREDENTIALS = Set.of("QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_FLYWAY_PASSWORD",
            "QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD", "KAFKA_SASL_JAAS_CONFIG");

    /**
     * Settings of Quarkus and the Kafka client that only a deployment sets (no service overrides their defaults in
     * application.properties): the migration run, TLS to PostgreSQL and the authenticated Kafka listener.
     */
    private static final Set<String> DEPLOYMENT_SETTINGS = Set.of("QUARKUS_INIT_AND_EXIT",
            "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM",
            "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM", "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS",
            "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_LOCATION");

    /** Keys of the Secret Strimzi's User Operator writes for a SCRAM-SHA-512 KafkaUser. */
    private static final Set<String> KAFKA_USER_SECRET_KEYS = Set.of("password", "sasl.jaas.config");

    /** The overlays an operator deploys. */
    static List<Path> overlays() {
        try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
            return overlays.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One rendered overlay; rendering once per overlay keeps the test quick. */
    record Overlay(String name, Manifests rendered) {

        List<Deployment> deployments() {
            return rendered.typed("Deployment", Deployment.class);
        }

        Deployment deployment(FleetService service) {
            return deployments().stream().filter(d -> d.getMetadata().getName().equals(service.module())).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no Deployment " + service.module()));
        }

        Map<String, JsonNode> configMaps() {
            return rendered.named("ConfigMap");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<Path, Overlay> RENDERED = new HashMap<>();

    static Stream<Overlay> rendered() {
        return overlays().stream().map(path -> RENDERED.computeIfAbsent(path,
                overlay -> new Overlay(overlay.getFileName().toString(), Manifests.render(overlay))));
    }

    static Overlay prod() {
        return rendered().filter(overlay -> overlay.name().equals("prod")).findFirst()
                .orElseThrow(() -> new AssertionError("no prod overlay"));
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void everyServiceServesItsApiOnHttpAndIsProbedOnTheManagementPort(Overlay overlay) {
        for (FleetService service : FleetService.values()) {
            Container container = mainContainer(overlay.deployment(service));
            String what = overlay + " " + service.module();
            assertEquals(Map.of("http", HTTP_PORT, "management", MANAGEMENT_PORT), ports(container), what + " ports");
            PROBES.forEach((name, path) -> {
                Probe probe = probe(container, name);
                assertNotNull(probe, what + " has no " + name);
                assertEquals(path, probe.getHttpGet().getPath(), what + " " + name);
                assertEquals("management", probe.getHttpGet().getPort().getStrVal(), what + " " + name + " port");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void everyContainerIsLimitedAndRunsAsNonRootOnAReadOnlyRoot(Overlay overlay) {
        for (Deployment deployment : overlay.deployments()) {
            assertLimitedNonRootAndReadOnly(overlay + " " + deployment.getMetadata().getName(),
                    deployment.getSpec().getTemplate().getSpec());
        }
    }

    /**
     * What the namespace's restricted Pod Security Standard demands (non-root, RuntimeDefault seccomp, no privilege
     * escalation, no capabilities) and what the fleet adds: a non-zero UID, no API token, a read-only root, and
     * requests and limits of CPU and memory on every container.
     */
    static void assertLimitedNonRootAndReadOnly(String name, PodSpec pod) {
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name + " runAsNonRoot");
        assertTrue(pod.getSecurityContext().getRunAsUser() != null && pod.getSecurityContext().getRunAsUser() > 0,
                name + " runs as a non-zero UID");
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name + " seccomp profile");
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), name + " mounts no API token");
        for (Container container : allContainers(pod)) {
            String what = name + "/" + container.getName();
            Map<String, Quantity> limits = container.getResources().getLimits();
            Map<String, Quantity> requests = container.getResources().getRequests();
            assertTrue(limits != null && limits.containsKey("cpu") && limits.containsKey("memory"), what + " limits");
            assertTrue(requests != null && requests.containsKey("cpu") && requests.containsKey("memory"), what + " requests");
            for (String resource : List.of("cpu", "memory")) {
                assertTrue(Quantity.getAmountInBytes(requests.get(resource))
                                .compareTo(Quantity.getAmountInBytes(limits.get(resource))) <= 0,
                        what + " requests more " + resource + " than its limit");
            }
            var security = container.getSecurityContext();
            assertNotNull(security, what + " securityContext");
            assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), what + " allowPrivilegeEscalation");
            assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), what + " readOnlyRootFilesystem");
            assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), what + " drops all capabilities");
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void imagesCarryAVersionNeverLatest(Overlay overlay) {
        for (Deployment deployment : overlay.deployments()) {
            for (Container container : allContainers(deployment.getSpec().getTemplate().getSpec())) {
                assertVersioned(overlay.toString(), container.getImage());
            }
        }
    }

    static void assertVersioned(String where, String image) {
        String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
        assertTrue(afterRegistry.contains(":") || afterRegistry.contains("@"), where + " " + image + " has no tag");
        assertFalse(afterRegistry.matches(".*:latest(@.*)?"), where + " " + image + " is latest");
    }

    @Test
    void productionImagesArePinnedByDigest() {
        for (Deployment deployment : prod().deployments()) {
            for (Container container : allContainers(deployment.getSpec().getTemplate().getSpec())) {
                assertTrue(DIGEST.matcher(container.getImage()).matches(), "prod runs a mutable image: " + container.getImage());
            }
        }
    }

    /** The init container migrates with the very build the service runs. */
    @ParameterizedTest
    @MethodSource("rendered")
    void migrationsRunBeforeTheServiceAsTheOwnerWhichTheServiceNeverHolds(Overlay overlay) {
        for (FleetService service : FleetService.values()) {
            Deployment deployment = overlay.deployment(service);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container main = mainContainer(deployment);
            String what = overlay + " " + service.module();
            assertTrue(secretsReferenced(main).stream().noneMatch(secret -> secret.endsWith("-db-owner")),
                    what + " holds the migration owner's credentials");
            if (service.database().isEmpty()) {
                assertTrue(pod.getInitContainers() == null || pod.getInitContainers().isEmpty(), what + " migrates nothing");
                continue;
            }
            assertEquals(Optional.of("false"), value(main, "QUARKUS_FLYWAY_MIGRATE_AT_START"), what + " migrates at start");
            assertEquals(1, pod.getInitContainers().size(), what + " init containers");
            Container migrate = pod.getInitContainers().get(0);
            assertEquals(main.getImage(), migrate.getImage(), what + " migrates with another image");
            assertEquals(Optional.of("true"), value(migrate, "QUARKUS_INIT_AND_EXIT"), what + " init container exits");
            assertEquals(Optional.of("true"), value(migrate, "QUARKUS_FLYWAY_MIGRATE_AT_START"), what + " init container migrates");
            assertEquals(service.module() + "-db-owner", secretOf(migrate, "QUARKUS_FLYWAY_USERNAME"), what);
            assertEquals(service.module() + "-db-owner", secretOf(migrate, "QUARKUS_FLYWAY_PASSWORD"), what);
            // Flyway's app_role placeholder is the runtime role's name: the migrations grant it table access.
            assertEquals(service.module() + "-db-app", secretOf(migrate, "QUARKUS_DATASOURCE_USERNAME"), what);
            // The runtime role's name, never its password: a migration needs no runtime connection.
            assertTrue(migrate.getEnv().stream().noneMatch(variable -> variable.getValueFrom() != null
                            && variable.getValueFrom().getSecretKeyRef() != null
                            && variable.getValueFrom().getSecretKeyRef().getName().endsWith("-db-app")
                            && "password".equals(variable.getValueFrom().getSecretKeyRef().getKey())),
                    what + " init container holds the runtime role's password");
            assertEquals(service.module() + "-db-app", secretOf(main, "QUARKUS_DATASOURCE_USERNAME"), what);
            assertEquals(service.module() + "-db-app", secretOf(main, "QUARKUS_DATASOURCE_PASSWORD"), what);
            assertEquals(configMapsRead(main).stream().filter(name -> name.endsWith("-config") || name.equals("quillspace-database")).toList(),
                    configMapsRead(migrate).stream().filter(name -> name.endsWith("-config") || name.equals("quillspace-database")).toList(),
                    what + " migrates another database than it uses");
        }
    }

    /** SIGTERM comes after the preStop sleep, and Quarkus's shutdown must finish before the grace period ends. */
    @ParameterizedTest
    @MethodSource("rendered")
    void podsDrainBeforeTheyStop(Overlay overlay) {
        for (FleetService service : FleetService.values()) {
            Deployment deployment = overlay.deployment(service);
            Container main = mainContainer(deployment);
            String what = overlay + " " + service.module();
            assertNotNull(main.getLifecycle(), what + " has no preStop");
            Long sleep = main.getLifecycle().getPreStop().getSleep().getSeconds();
            assertTrue(sleep != null && sleep >= 5, what + " preStop sleep " + sleep);
            // Without quarkus.shutdown.timeout Quarkus does not wait for in-flight work at all.
            Duration shutdown = ServiceConfiguration.of(service).value("quarkus.shutdown.timeout")
                    .map(KubernetesOverlaysTest::duration).orElse(Duration.ZERO);
            long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertTrue(grace >= sleep + shutdown.toSeconds() + 5,
                    what + " grace period " + grace + " s < preStop " + sleep + " s + shutdown " + shutdown + " + 5 s");
        }
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void deploymentsSetOnlySettingsTheirServiceReads(Overlay overlay) {
        Map<String, JsonNode> configMaps = overlay.configMaps();
        for (FleetService service : FleetService.values()) {
            Set<String> read = ServiceConfiguration.of(service).environmentVariables();
            Set<String> unknown = new TreeSet<>();
            Deployment deployment = overlay.deployment(service);
            for (Container container : allContainers(deployment.getSpec().getTemplate().getSpec())) {
                for (String name : configMapsRead(container)) {
                    configMaps.get(name).get("data").fieldNames().forEachRemaining(variable -> {
                        if (!known(read, variable)) {
                            unknown.add(name + "/" + variable);
                        }
                    });
                }
                for (EnvVar variable : env(container)) {
                    if (!known(read, variable.getName())) {
                        unknown.add(container.getName() + " " + variable.getName());
                    }
                }
            }
            assertEquals(Set.of(), unknown, overlay + " " + service.module()
                    + " is given settings its application.properties does not name");
        }
    }

    /**
     * Every ConfigMap a pod reads is rendered with the keys it names; every Secret is either in secrets.example.yaml
     * with the key (operators create those) or written by Strimzi for a KafkaUser of the overlay.
     */
    @ParameterizedTest
    @MethodSource("rendered")
    void everyReferencedKeyIsRenderedOrDocumented(Overlay overlay) {
        Map<String, JsonNode> documented = Manifests.file(K8S.resolve("secrets.example.yaml")).named("Secret");
        Set<String> kafkaUsers = overlay.rendered().named("KafkaUser").keySet();
        Map<String, JsonNode> configMaps = overlay.configMaps();
        Function<String, Set<String>> secretKeys = secret -> {
            if (kafkaUsers.contains(secret)) {
                return KAFKA_USER_SECRET_KEYS;
            }
            JsonNode example = documented.get(secret);
            assertNotNull(example, overlay + ": Secret " + secret + " is neither in secrets.example.yaml nor a KafkaUser's");
            Set<String> keys = new TreeSet<>();
            example.path("stringData").fieldNames().forEachRemaining(keys::add);
            return keys;
        };
        for (Deployment deployment : overlay.deployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : allContainers(pod)) {
                String what = overlay + " " + deployment.getMetadata().getName() + "/" + container.getName();
                for (String name : configMapsRead(container)) {
                    assertTrue(configMaps.containsKey(name), what + " reads ConfigMap " + name + ", which is not rendered");
                }
                for (EnvVar variable : env(container)) {
                    if (variable.getValueFrom() == null) {
                        continue;
                    }
                    SecretKeySelector secret = variable.getValueFrom().getSecretKeyRef();
                    if (secret != null) {
                        assertTrue(secretKeys.apply(secret.getName()).contains(secret.getKey()),
                                what + " " + variable.getName() + ": Secret " + secret.getName() + " has no documented key " + secret.getKey());
                    }
                    var configMapKey = variable.getValueFrom().getConfigMapKeyRef();
                    if (configMapKey != null) {
                        JsonNode configMap = configMaps.get(configMapKey.getName());
                        assertTrue(configMap != null && configMap.path("data").has(configMapKey.getKey()),
                                what + " " + variable.getName() + " -> " + configMapKey.getName() + "/" + configMapKey.getKey());
                    }
                }
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    Set<String> keys = secretKeys.apply(volume.getSecret().getSecretName());
                    volume.getSecret().getItems().forEach(item -> assertTrue(keys.contains(item.getKey()),
                            overlay + " volume " + volume.getName() + ": Secret " + volume.getSecret().getSecretName()
                                    + " has no documented key " + item.getKey()));
                }
            }
        }
    }

    /** Files the configuration names (trust stores, CA certificates) are where a volume is mounted. */
    @ParameterizedTest
    @MethodSource("rendered")
    void everyFileASettingNamesIsMounted(Overlay overlay) {
        Map<String, JsonNode> configMaps = overlay.configMaps();
        for (Deployment deployment : overlay.deployments()) {
            for (Container container : allContainers(deployment.getSpec().getTemplate().getSpec())) {
                List<String> values = new ArrayList<>();
                for (String name : configMapsRead(container)) {
                    configMaps.get(name).get("data").forEach(value -> values.add(value.asText()));
                }
                env(container).stream().map(EnvVar::getValue).filter(v -> v != null).forEach(values::add);
                for (String value : values) {
                    for (String path : filePaths(value)) {
                        List<VolumeMount> mounts = container.getVolumeMounts();
                        assertTrue(mounts.stream().anyMatch(mount -> path.startsWith(mount.getMountPath() + "/")),
                                overlay + " " + deployment.getMetadata().getName() + "/" + container.getName()
                                        + " is configured with " + path + " but mounts nothing there");
                    }
                }
            }
        }
    }

    /** Each service talks to Kafka as its own KafkaUser over the authenticated listener. */
    @ParameterizedTest
    @MethodSource("rendered")
    void everyServiceAuthenticatesToKafkaAsItsOwnUser(Overlay overlay) {
        Set<String> kafkaUsers = overlay.rendered().named("KafkaUser").keySet();
        for (FleetService service : FleetService.values()) {
            Container main = mainContainer(overlay.deployment(service));
            assertTrue(kafkaUsers.contains(service.module()), overlay + " has no KafkaUser " + service.module());
            assertEquals(service.module(), secretOf(main, "KAFKA_SASL_JAAS_CONFIG"), overlay + " " + service.module());
            assertTrue(configMapsRead(main).contains("quillspace-common"), overlay + " " + service.module()
                    + " does not read the Kafka listener settings");
        }
    }

    /** The reactive pool and Flyway's JDBC URL agree on TLS; production verifies the server. */
    @ParameterizedTest
    @MethodSource("rendered")
    void postgresTlsIsTheSameForTheServiceAndItsMigrations(Overlay overlay) {
        Map<String, JsonNode> configMaps = overlay.configMaps();
        String reactive = configMaps.get("quillspace-database").at("/data/QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE").asText();
        for (FleetService service : FleetService.values()) {
            if (service.database().isEmpty()) {
                continue;
            }
            String jdbc = configMaps.get(service.module() + "-config").at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText();
            assertTrue(jdbc.contains("sslmode=" + reactive), overlay + " " + service.module() + ": " + jdbc + " vs " + reactive);
            if (overlay.name().equals("prod")) {
                assertEquals("verify-full", reactive, "prod verifies PostgreSQL's certificate and host name");
            }
        }
    }

    /** A Service forwards to a port its pods have, and every selector meets the pods it is meant for. */
    @ParameterizedTest
    @MethodSource("rendered")
    void servicesAndSelectorsMeetRealPodsAndPorts(Overlay overlay) {
        List<Deployment> deployments = overlay.deployments();
        for (Deployment deployment : deployments) {
            assertTrue(matches(deployment.getSpec().getSelector(), podLabels(deployment)),
                    overlay + " Deployment " + deployment.getMetadata().getName() + " does not select its own pods");
        }
        for (Service service : overlay.rendered().typed("Service", Service.class)) {
            Deployment target = single(overlay, "Service " + service.getMetadata().getName(), deployments,
                    d -> labelsMatch(service.getSpec().getSelector(), podLabels(d)));
            Map<String, Integer> containerPorts = ports(mainContainer(target));
            for (ServicePort port : service.getSpec().getPorts()) {
                String targetPort = port.getTargetPort().getStrVal();
                assertTrue(containerPorts.containsKey(targetPort), overlay + " Service " + service.getMetadata().getName()
                        + " targets port " + port.getTargetPort() + ", not one of " + containerPorts);
                assertFalse(targetPort.equals("management"), overlay + " Service " + service.getMetadata().getName()
                        + " exposes the management interface");
            }
        }
        for (PodDisruptionBudget budget : overlay.rendered().typed("PodDisruptionBudget", PodDisruptionBudget.class)) {
            single(overlay, "PodDisruptionBudget " + budget.getMetadata().getName(), deployments,
                    d -> matches(budget.getSpec().getSelector(), podLabels(d)));
            // minAvailable 1 blocks every drain of a one-replica Deployment; maxUnavailable 1 lets one pod go.
            assertEquals(null, budget.getSpec().getMinAvailable(), overlay + " " + budget.getMetadata().getName());
            assertEquals(1, budget.getSpec().getMaxUnavailable().getIntVal(), overlay + " " + budget.getMetadata().getName());
        }
        for (HorizontalPodAutoscaler autoscaler : overlay.rendered().typed("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class)) {
            Deployment target = single(overlay, "HorizontalPodAutoscaler " + autoscaler.getMetadata().getName(), deployments,
                    d -> d.getMetadata().getName().equals(autoscaler.getSpec().getScaleTargetRef().getName()));
            assertEquals(null, target.getSpec().getReplicas(), overlay + " " + target.getMetadata().getName()
                    + " sets replicas, which every apply would reset under its autoscaler");
        }
        for (JsonNode monitor : overlay.rendered().named("PodMonitor").values()) {
            LabelSelector selector = Manifests.YAML.convertValue(monitor.at("/spec/selector"), LabelSelector.class);
            Deployment target = single(overlay, "PodMonitor " + monitor.at("/metadata/name").asText(), deployments,
                    d -> matches(selector, podLabels(d)));
            for (JsonNode endpoint : monitor.at("/spec/podMetricsEndpoints")) {
                assertEquals("management", endpoint.get("port").asText(), overlay + " scrapes another port");
                assertEquals("/q/metrics", endpoint.get("path").asText(), overlay + " scrape path");
                assertTrue(ports(mainContainer(target)).containsKey("management"), overlay + " scrape port");
            }
        }
        for (Ingress ingress : overlay.rendered().typed("Ingress", Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    Service service = overlay.rendered().typed("Service", Service.class).stream()
                            .filter(s -> s.getMetadata().getName().equals(backend.getName())).findFirst()
                            .orElseThrow(() -> new AssertionError(overlay + " Ingress routes to a missing Service " + backend.getName()));
                    assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(backend.getPort().getName())),
                            overlay + " Ingress routes to a missing port " + backend.getPort().getName());
                }
            }
        }
        // Pods no Deployment runs: the on-demand Jobs', and the HTTP-01 solver pods cert-manager starts per challenge.
        List<Map<String, String>> operationsPods = Stream.concat(KubernetesOperationsTest.jobs().stream()
                        .map(job -> job.template().getMetadata().getLabels()),
                Stream.of(Map.of("acme.cert-manager.io/http01-solver", "true"))).toList();
        for (NetworkPolicy policy : overlay.rendered().typed("NetworkPolicy", NetworkPolicy.class)) {
            List<Deployment> selected = deployments.stream()
                    .filter(d -> matches(policy.getSpec().getPodSelector(), podLabels(d))).toList();
            boolean selectsAJob = operationsPods.stream().anyMatch(labels -> matches(policy.getSpec().getPodSelector(), labels));
            assertFalse(selected.isEmpty() && !selectsAJob,
                    overlay + " NetworkPolicy " + policy.getMetadata().getName() + " selects no pod");
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                for (NetworkPolicyPort port : rule.getPorts()) {
                    String name = port.getPort().getStrVal();
                    for (Deployment deployment : selected) {
                        assertTrue(ports(mainContainer(deployment)).containsKey(name), overlay + " NetworkPolicy "
                                + policy.getMetadata().getName() + " admits port " + name + " that "
                                + deployment.getMetadata().getName() + " does not have");
                    }
                }
            }
        }
    }

    /** A consumer replica beyond the partitions of a topic it consumes sits idle. */
    @ParameterizedTest
    @MethodSource("rendered")
    void consumersRunNoMoreReplicasThanTheirTopicsHavePartitions(Overlay overlay) {
        Map<String, Integer> partitions = Topics.ALL.stream().collect(Collectors.toMap(Topics.Spec::name, Topics.Spec::partitions));
        Map<String, Integer> maxReplicas = new HashMap<>();
        for (HorizontalPodAutoscaler autoscaler : overlay.rendered().typed("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class)) {
            maxReplicas.put(autoscaler.getSpec().getScaleTargetRef().getName(), autoscaler.getSpec().getMaxReplicas());
        }
        for (FleetService service : FleetService.values()) {
            Deployment deployment = overlay.deployment(service);
            int replicas = maxReplicas.getOrDefault(service.module(),
                    Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1));
            for (ServiceConfiguration.Incoming incoming : ServiceConfiguration.of(service).incoming()) {
                assertTrue(replicas <= partitions.get(incoming.topic()), overlay + " " + service.module() + " runs up to "
                        + replicas + " replicas on " + incoming.topic() + " of " + partitions.get(incoming.topic()) + " partitions");
            }
        }
    }

    /**
     * The one public route: POST /webhooks/calendly[/{tenant}] to webhook-ingress over TLS, with nginx refusing the
     * bodies the service would refuse.
     */
    @ParameterizedTest
    @MethodSource("rendered")
    void onlyTheCalendlyWebhookIsPublic(Overlay overlay) {
        List<Ingress> ingresses = overlay.rendered().typed("Ingress", Ingress.class);
        assertEquals(1, ingresses.size(), overlay + " Ingresses");
        Ingress ingress = ingresses.get(0);
        Set<String> hosts = new TreeSet<>();
        for (IngressRule rule : ingress.getSpec().getRules()) {
            hosts.add(rule.getHost());
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                assertTrue(path.getPath().equals("/webhooks/calendly") || path.getPath().equals("/webhooks/calendly/"),
                        overlay + " exposes " + path.getPath());
                assertEquals("webhook-ingress", path.getBackend().getService().getName(), overlay + " " + path.getPath());
                assertEquals("http", path.getBackend().getService().getPort().getName(), overlay + " " + path.getPath());
            }
        }
        Set<String> tlsHosts = new TreeSet<>();
        for (IngressTLS tls : ingress.getSpec().getTls()) {
            assertNotNull(tls.getSecretName(), overlay + " TLS secret");
            tlsHosts.addAll(tls.getHosts());
        }
        assertEquals(hosts, tlsHosts, overlay + " serves a host without TLS");
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        assertTrue(annotations.containsKey("cert-manager.io/cluster-issuer"), overlay + " no certificate issuer");
        int maxBody = ServiceConfiguration.of(FleetService.WEBHOOK_INGRESS).value("quillspace.ingress.max-body-bytes")
                .map(Integer::parseInt).orElse(262144);
        assertEquals(maxBody / 1024 + "k", annotations.get("nginx.ingress.kubernetes.io/proxy-body-size"),
                overlay + " body limit at the edge");
    }

    /**
     * Calendly posts each studio's webhooks to {@code <callback-base-url>/<slug>}, the URL its subscription was created
     * with: that must be this overlay's public route, or a dev subscription would deliver to production.
     */
    @ParameterizedTest
    @MethodSource("rendered")
    void calendlySubscriptionsPointAtThisOverlaysPublicRoute(Overlay overlay) {
        URI callback = URI.create(overlay.configMaps().get("webhook-ingress-config")
                .at("/data/QUILLSPACE_INGRESS_CALENDLY_CALLBACK_BASE_URL").asText());
        Ingress ingress = overlay.rendered().typed("Ingress", Ingress.class).get(0);
        Set<String> tlsHosts = new TreeSet<>();
        ingress.getSpec().getTls().forEach(tls -> tlsHosts.addAll(tls.getHosts()));
        assertEquals("https", callback.getScheme(), overlay + " callback " + callback);
        assertTrue(tlsHosts.contains(callback.getHost()), overlay + " callback " + callback + " is not one of " + tlsHosts);
        assertTrue(ingress.getSpec().getRules().stream().filter(rule -> rule.getHost().equals(callback.getHost()))
                        .flatMap(rule -> rule.getHttp().getPaths().stream())
                        .anyMatch(path -> path.getPathType().equals("Prefix") && path.getPath().equals(callback.getPath() + "/")),
                overlay + " routes no " + callback + "/<slug>");
    }

    /**
     * A service may open connections to exactly the ports of the endpoints it is configured with (the broker, the
     * collector, its database, the JWKS, REST clients, the mail relay), and DNS: nothing it never calls.
     */
    @ParameterizedTest
    @MethodSource("rendered")
    void everyServiceMayReachOnlyTheEndpointsItIsConfiguredWith(Overlay overlay) {
        List<NetworkPolicy> policies = overlay.rendered().typed("NetworkPolicy", NetworkPolicy.class);
        for (FleetService service : FleetService.values()) {
            Deployment deployment = overlay.deployment(service);
            Map<String, String> settings = settings(overlay, service);

            Set<Integer> configured = new TreeSet<>(Set.of(DNS_PORT));
            settings.forEach((variable, value) -> {
                if (variable.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                    for (String server : value.split(",")) {
                        configured.add(Integer.parseInt(server.substring(server.lastIndexOf(':') + 1)));
                    }
                } else if (variable.equals("QUARKUS_MAILER_PORT")) {
                    configured.add(Integer.parseInt(value));
                } else if (OUTBOUND_URLS.matcher(variable).matches() && value.matches("^[a-z]+://.*")) {
                    URI endpoint = URI.create(value);
                    configured.add(endpoint.getPort() != -1 ? endpoint.getPort() : DEFAULT_PORTS.get(endpoint.getScheme()));
                }
            });

            Set<Integer> allowed = new TreeSet<>();
            for (NetworkPolicy policy : policies) {
                if (!policy.getSpec().getPolicyTypes().contains("Egress")
                        || !matches(policy.getSpec().getPodSelector(), podLabels(deployment))) {
                    continue;
                }
                policy.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(port -> {
                    assertNotNull(port.getPort().getIntVal(), overlay + " NetworkPolicy " + policy.getMetadata().getName()
                            + " opens egress by port name " + port.getPort().getStrVal());
                    allowed.add(port.getPort().getIntVal());
                }));
            }
            assertEquals(configured, allowed, overlay + " " + service.module() + " egress ports vs its endpoints");
        }
    }

    /**
     * Public HTTPS per need: each policy opening 443 serves one setting, and selects exactly the services whose
     * settings name an https host there (the JWKS: every service; Calendly's API: webhook-ingress; the object store:
     * the services that keep files).
     */
    @ParameterizedTest
    @MethodSource("rendered")
    void publicHttpsReachesOnlyTheServicesThatCallItsHost(Overlay overlay) {
        Map<String, Set<String>> expected = new HashMap<>();
        PUBLIC_HTTPS.forEach((policy, variable) -> expected.put(policy, new TreeSet<>()));
        for (FleetService service : FleetService.values()) {
            Map<String, String> settings = settings(overlay, service);
            PUBLIC_HTTPS.forEach((policy, variable) -> {
                if (settings.getOrDefault(variable, "").startsWith("https://")) {
                    expected.get(policy).add(service.module());
                }
            });
        }
        assertEquals(FleetService.values().length, expected.get("egress-https-jwks").size(),
                overlay + " services verifying JWTs against the JWKS");

        Map<String, Set<String>> opened = new HashMap<>();
        for (NetworkPolicy policy : overlay.rendered().typed("NetworkPolicy", NetworkPolicy.class)) {
            boolean https = policy.getSpec().getEgress().stream().anyMatch(rule -> rule.getPorts().stream()
                    .anyMatch(port -> Integer.valueOf(443).equals(port.getPort().getIntVal())));
            if (https) {
                opened.put(policy.getMetadata().getName(), overlay.deployments().stream()
                        .filter(deployment -> matches(policy.getSpec().getPodSelector(), podLabels(deployment)))
                        .map(deployment -> deployment.getMetadata().getName())
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        assertEquals(expected, opened, overlay + " NetworkPolicies opening 443, by the services they select");
    }

    /**
     * A public address is never a private one: every ipBlock excludes RFC 1918 and the carrier-grade NAT range that
     * several clouds give pods and services, so no public port leads to another in-cluster workload.
     */
    @ParameterizedTest
    @MethodSource("rendered")
    void publicAddressesExcludeEveryPrivateRange(Overlay overlay) {
        int blocks = 0;
        for (NetworkPolicy policy : overlay.rendered().typed("NetworkPolicy", NetworkPolicy.class)) {
            for (var rule : policy.getSpec().getEgress()) {
                for (var peer : rule.getTo()) {
                    if (peer.getIpBlock() != null) {
                        blocks++;
                        List<String> except = peer.getIpBlock().getExcept() == null ? List.of() : peer.getIpBlock().getExcept();
                        assertTrue(except.containsAll(PRIVATE_RANGES), overlay + " NetworkPolicy "
                                + policy.getMetadata().getName() + " excepts only " + except + ", not all of " + PRIVATE_RANGES);
                    }
                }
            }
        }
        assertTrue(blocks > 0, overlay + " has no ipBlock to check");
    }

    /** Everything is denied unless a policy allows it; the management port admits only Prometheus. */
    @ParameterizedTest
    @MethodSource("rendered")
    void networkTrafficIsDeniedUnlessAllowed(Overlay overlay) {
        List<NetworkPolicy> policies = overlay.rendered().typed("NetworkPolicy", NetworkPolicy.class);
        assertTrue(policies.stream().anyMatch(policy -> isEmpty(policy.getSpec().getPodSelector().getMatchLabels())
                        && isEmpty(policy.getSpec().getPodSelector().getMatchExpressions())
                        && policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                        && policy.getSpec().getIngress().isEmpty() && policy.getSpec().getEgress().isEmpty()),
                overlay + " has no default-deny policy");
        for (NetworkPolicy policy : policies) {
            for (var rule : policy.getSpec().getEgress()) {
                String what = overlay + " NetworkPolicy " + policy.getMetadata().getName();
                assertFalse(rule.getTo().isEmpty(), what + " allows egress to anywhere");
                assertFalse(rule.getPorts().isEmpty(), what + " allows egress on every port");
            }
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                String what = overlay + " NetworkPolicy " + policy.getMetadata().getName();
                assertFalse(rule.getFrom().isEmpty(), what + " admits traffic from anywhere");
                assertFalse(rule.getPorts().isEmpty(), what + " admits every port");
                boolean management = rule.getPorts().stream().anyMatch(p -> "management".equals(p.getPort().getStrVal()));
                if (management) {
                    assertTrue(rule.getFrom().stream().allMatch(peer -> peer.getPodSelector() != null
                                    && "prometheus".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))),
                            what + " admits others than Prometheus to the management port");
                }
            }
        }
    }

    /** The namespace enforces the restricted Pod Security Standard, so a later change cannot quietly loosen a pod. */
    @ParameterizedTest
    @MethodSource("rendered")
    void theNamespaceEnforcesTheRestrictedPodSecurityStandard(Overlay overlay) {
        Map<String, JsonNode> namespaces = overlay.rendered().named("Namespace");
        assertEquals(Set.of("quillspace"), namespaces.keySet(), overlay + " namespaces");
        assertEquals("restricted", namespaces.get("quillspace")
                .at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText(), overlay + " pod security");
        for (JsonNode resource : overlay.rendered().documents()) {
            if (!resource.path("kind").asText().equals("Namespace")) {
                assertEquals("quillspace", resource.at("/metadata/namespace").asText(),
                        overlay + " " + resource.get("kind").asText() + " " + resource.at("/metadata/name").asText());
            }
        }
    }

    /** Grafana's sidecar loads every dashboard in the repository: each file is in the labelled ConfigMap. */
    @ParameterizedTest
    @MethodSource("rendered")
    void everyDashboardIsProvisioned(Overlay overlay) throws IOException {
        List<JsonNode> provisioning = overlay.configMaps().values().stream()
                .filter(configMap -> "1".equals(configMap.at("/metadata/labels/grafana_dashboard").asText())).toList();
        assertEquals(1, provisioning.size(), overlay + " dashboard ConfigMaps");
        Set<String> provisioned = new TreeSet<>();
        provisioning.get(0).get("data").fieldNames().forEachRemaining(provisioned::add);
        Set<String> inRepository;
        try (Stream<Path> files = Files.list(Repository.MONITORING.resolve("dashboards"))) {
            inRepository = files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(inRepository, provisioned, overlay + " provisions other dashboards than the repository has");
        Set<String> uids = new TreeSet<>();
        for (String file : provisioned) {
            JsonNode dashboard = new ObjectMapper().readTree(provisioning.get(0).get("data").get(file).asText());
            assertTrue(uids.add(dashboard.get("uid").asText()), file + " repeats a dashboard uid");
            assertFalse(dashboard.path("panels").isEmpty(), file + " has no panels");
        }
    }

    @Test
    void quarkusDurationsAreReadAsQuarkusReadsThem() {
        assertEquals(Duration.ofSeconds(30), duration("30s"));
        assertEquals(Duration.ofSeconds(30), duration("30"));
        assertEquals(Duration.ofMinutes(1), duration("1m"));
        assertEquals(Duration.ofSeconds(45), duration("PT45S"));
        assertEquals(Duration.ofMillis(500), duration("500ms"));
    }

    private static boolean known(Set<String> read, String variable) {
        return read.contains(variable) || READ_BY_THE_IMAGE.contains(variable) || CREDENTIALS.contains(variable)
                || DEPLOYMENT_SETTINGS.contains(variable);
    }

    /** What a service's main container runs with: its production defaults, then its ConfigMaps, then its own env. */
    private static Map<String, String> settings(Overlay overlay, FleetService service) {
        Map<String, String> settings = new HashMap<>(ServiceConfiguration.of(service).productionByEnvironmentVariable());
        Container main = mainContainer(overlay.deployment(service));
        for (String name : configMapsRead(main)) {
            overlay.configMaps().get(name).get("data").fields()
                    .forEachRemaining(entry -> settings.put(entry.getKey(), entry.getValue().asText()));
        }
        env(main).stream().filter(variable -> variable.getValue() != null)
                .forEach(variable -> settings.put(variable.getName(), variable.getValue()));
        return settings;
    }

    private static boolean isEmpty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static List<String> filePaths(String value) {
        List<String> paths = new ArrayList<>();
        var matcher = Pattern.compile("(/etc/[^&?\\s,]+)").matcher(value);
        while (matcher.find()) {
            paths.add(matcher.group(1));
        }
        return paths;
    }

    /** A Quarkus duration: ISO-8601 ({@code PT30S}), a number of seconds, or a number with ms, s, m, h or d. */
    static Duration duration(String value) {
        String normalized = value.strip().toUpperCase();
        if (normalized.startsWith("P")) {
            return Duration.parse(normalized);
        }
        if (normalized.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(normalized));
        }
        if (normalized.endsWith("MS")) {
            return Duration.ofMillis(Long.parseLong(normalized.substring(0, normalized.length() - 2)));
        }
        if (normalized.endsWith("D")) {
            return Duration.ofDays(Long.parseLong(normalized.substring(0, normalized.length() - 1)));
        }
        return Duration.parse("PT" + normalized);
    }

    private static Deployment single(Overlay overlay, String what, List<Deployment> deployments,
                                     Predicate<Deployment> selects) {
        List<Deployment> selected = deployments.stream().filter(selects).toList();
        if (selected.size() != 1) {
            fail(overlay + " " + what + " selects " + selected.size() + " Deployments, not one");
        }
        return selected.get(0);
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    private static boolean labelsMatch(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist); an empty selector selects every pod. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        if (selector.getMatchExpressions() == null) {
            return true;
        }
        return selector.getMatchExpressions().stream().allMatch(expression -> {
            String value = labels.get(expression.getKey());
            return switch (expression.getOperator()) {
                case "In" -> expression.getValues().contains(value);
                case "NotIn" -> !expression.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + expression.getOperator());
            };
        });
    }

    static Container mainContainer(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getName().equals(deployment.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " has no container of its name"));
    }

    static List<Container> allContainers(PodSpec pod) {
        List<Container> containers = new ArrayList<>(pod.getInitContainers());
        containers.addAll(pod.getContainers());
        return containers;
    }

    static Map<String, Integer> ports(Container container) {
        return container.getPorts().stream().collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    }

    private static Probe probe(Container container, String name) {
        return switch (name) {
            case "startupProbe" -> container.getStartupProbe();
            case "readinessProbe" -> container.getReadinessProbe();
            case "livenessProbe" -> container.getLivenessProbe();
            default -> throw new IllegalArgumentException(name);
        };
    }

    static List<EnvVar> env(Container container) {
        return container.getEnv() == null ? List.of() : container.getEnv();
    }

    private static List<String> configMapsRead(Container container) {
        List<String> names = new ArrayList<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                names.add(source.getConfigMapRef().getName());
            }
        }
        return names;
    }

    private static Set<String> secretsReferenced(Container container) {
        Set<String> secrets = new TreeSet<>();
        for (EnvVar variable : env(container)) {
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                secrets.add(variable.getValueFrom().getSecretKeyRef().getName());
            }
        }
        container.getEnvFrom().stream().filter(source -> source.getSecretRef() != null)
                .forEach(source -> secrets.add(source.getSecretRef().getName()));
        return secrets;
    }

    static Optional<String> value(Container container, String variable) {
        return env(container).stream().filter(env -> env.getName().equals(variable)).map(EnvVar::getValue).findFirst();
    }

    static String secretOf(Container container, String variable) {
        return env(container).stream().filter(env -> env.getName().equals(variable))
                .map(env -> env.getValueFrom() == null || env.getValueFrom().getSecretKeyRef() == null ? null
                        : env.getValueFrom().getSecretKeyRef().getName())
                .findFirst().orElse(null);
    }
}
