package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.launcher.Fleet;
import io.quillspace.shared.events.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps {@code k8s/} in step with the services: every Deployment sets only settings its service reads, refers only to
 * ConfigMaps and Secrets the manifests define, probes the health endpoints the service serves, and the topics match
 * {@link Topics#ALL}. A renamed property or topic fails here instead of in a cluster.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("quillspace.root", "../..")).toAbsolutePath().normalize();
    private static final Path K8S = ROOT.resolve("k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PROFILE_PREFIX = Pattern.compile("^%[^.]+\\.");

    /** Settings that no application.properties names because the base image's run-java.sh reads them: the JVM's. */
    private static final Set<String> READ_BY_THE_IMAGE =
            Set.of("JAVA_MAX_MEM_RATIO", "GC_CONTAINER_OPTIONS", "GC_MAX_HEAP_FREE_RATIO");

    /** Credentials: never in a file, so no application.properties names them either. */
    private static final Set<String> CREDENTIALS = Set.of("QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_FLYWAY_PASSWORD",
            "QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD");

    @Test
    void everyServiceIsDeployedFromTheBase() throws IOException {
        JsonNode kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        Set<String> resources = new HashSet<>();
        kustomization.get("resources").forEach(resource -> resources.add(resource.asText()));
        for (String resource : resources) {
            assertTrue(Files.exists(K8S.resolve(resource)), "kustomization lists a missing file: " + resource);
        }
        for (FleetService service : FleetService.values()) {
            assertTrue(resources.contains(service.module() + ".yaml"), service.module() + " is not in the kustomize base");
            assertTrue(Files.exists(ROOT.resolve(service.module()).resolve("src/main/docker/Dockerfile.jvm")),
                    service.module() + " has no Dockerfile.jvm for the image its Deployment runs");
        }
    }

    @Test
    void deploymentsProbeTheHealthEndpointsOnTheHttpPort() throws IOException {
        for (FleetService service : FleetService.values()) {
            JsonNode container = container(service);
            assertEquals(8080, container.at("/ports/0/containerPort").asInt(), service.module() + " container port");
            assertEquals("http", container.at("/ports/0/name").asText(), service.module() + " port name");
            Map<String, String> probes = Map.of("startupProbe", "/q/health/started",
                    "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
            probes.forEach((probe, path) -> {
                assertEquals(path, container.at("/" + probe + "/httpGet/path").asText(), service.module() + " " + probe);
                assertEquals("http", container.at("/" + probe + "/httpGet/port").asText(), service.module() + " " + probe);
            });
        }
    }

    @Test
    void deploymentsSetOnlySettingsTheirServiceReads() throws IOException {
        Map<String, JsonNode> configMaps = byName(K8S.resolve("config.yaml"), "ConfigMap");
        for (FleetService service : FleetService.values()) {
            Set<String> read = propertiesAsEnvironmentVariables(service);
            List<String> unknown = new ArrayList<>();
            JsonNode container = container(service);
            for (JsonNode source : container.path("envFrom")) {
                String name = source.at("/configMapRef/name").asText();
                JsonNode configMap = configMaps.get(name);
                if (configMap == null) {
                    fail(service.module() + " reads ConfigMap " + name + ", which config.yaml does not define");
                }
                configMap.get("data").fieldNames().forEachRemaining(variable -> {
                    if (!read.contains(variable) && !READ_BY_THE_IMAGE.contains(variable)) {
                        unknown.add(name + "/" + variable);
                    }
                });
            }
            for (JsonNode variable : container.path("env")) {
                String name = variable.get("name").asText();
                if (!read.contains(name) && !READ_BY_THE_IMAGE.contains(name) && !CREDENTIALS.contains(name)) {
                    unknown.add(name);
                }
            }
            assertEquals(List.of(), unknown, service.module() + " is given settings its application.properties does not name");
        }
    }

    /**
     * Production runs what the local fleet and the benchmarks measure: G1 on a fixed heap of {@link Fleet#HEAP_MIB},
     * not the image's footprint-tuned ParallelGC, which shrinks the heap until full GCs stall webhook-ingress.
     */
    @Test
    void everyServiceRunsG1OnTheFixedHeapTheLocalFleetRuns() throws IOException {
        JsonNode jvm = byName(K8S.resolve("config.yaml"), "ConfigMap").get("quillspace-jvm").get("data");
        int heapPercent = jvm.get("JAVA_MAX_MEM_RATIO").asInt();
        assertEquals(List.of("-XX:+UseG1GC", "-XX:InitialRAMPercentage=" + heapPercent),
                List.of(jvm.get("GC_CONTAINER_OPTIONS").asText().split(" ")), "initial heap = maximum heap, G1");
        assertEquals("100", jvm.get("GC_MAX_HEAP_FREE_RATIO").asText(),
                "the heap is never shrunk below its initial size");
        for (FleetService service : FleetService.values()) {
            JsonNode container = container(service);
            List<String> configMaps = new ArrayList<>();
            container.path("envFrom").forEach(source -> configMaps.add(source.at("/configMapRef/name").asText()));
            assertTrue(configMaps.contains("quillspace-jvm"),
                    service.module() + " does not read ConfigMap quillspace-jvm");
            String limit = container.at("/resources/limits/memory").asText();
            assertTrue(limit.endsWith("Mi"), service.module() + " memory limit in MiB: " + limit);
            int limitMib = Integer.parseInt(limit.substring(0, limit.length() - 2));
            assertEquals(Fleet.HEAP_MIB, limitMib * heapPercent / 100, service.module() + " heap in MiB");
        }
    }

    @Test
    void everySecretReferenceHasAnExampleSecretWithThatKey() throws IOException {
        Map<String, JsonNode> secrets = byName(K8S.resolve("secrets.example.yaml"), "Secret");
        for (FleetService service : FleetService.values()) {
            for (JsonNode variable : container(service).path("env")) {
                JsonNode reference = variable.at("/valueFrom/secretKeyRef");
                if (reference.isMissingNode()) {
                    continue;
                }
                JsonNode secret = secrets.get(reference.get("name").asText());
                String what = service.module() + " " + variable.get("name").asText() + " -> " + reference;
                assertTrue(secret != null && secret.path("stringData").has(reference.get("key").asText()),
                        "secrets.example.yaml lacks " + what);
            }
        }
    }

    @Test
    void kafkaTopicsAreTheFleetsTopicsWithTheirPartitions() throws IOException {
        Map<String, Integer> declared = new HashMap<>();
        for (JsonNode topic : documents(K8S.resolve("kafka-topics.yaml"))) {
            declared.put(topic.at("/spec/topicName").asText(), topic.at("/spec/partitions").asInt());
        }
        assertEquals(Topics.ALL.stream().collect(Collectors.toMap(Topics.Spec::name, Topics.Spec::partitions)), declared);
    }

    /** Every key of the service's application.properties, in any profile, as Quarkus reads it from the environment. */
    private static Set<String> propertiesAsEnvironmentVariables(FleetService service) throws IOException {
        Path properties = ROOT.resolve(service.module()).resolve("src/main/resources/application.properties");
        return Files.readAllLines(properties).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && line.contains("="))
                .map(line -> PROFILE_PREFIX.matcher(line.substring(0, line.indexOf('=')).strip()).replaceFirst(""))
                .map(key -> key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase())
                .collect(Collectors.toSet());
    }

    private static JsonNode container(FleetService service) throws IOException {
        JsonNode deployment = byName(K8S.resolve(service.module() + ".yaml"), "Deployment").get(service.module());
        assertTrue(deployment != null, service.module() + ".yaml has no Deployment named " + service.module());
        return deployment.at("/spec/template/spec/containers/0");
    }

    private static Map<String, JsonNode> byName(Path file, String kind) throws IOException {
        Map<String, JsonNode> found = new HashMap<>();
        for (JsonNode document : documents(file)) {
            if (kind.equals(document.path("kind").asText())) {
                found.put(document.at("/metadata/name").asText(), document);
            }
        }
        return found;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            });
        }
        return documents;
    }
}
