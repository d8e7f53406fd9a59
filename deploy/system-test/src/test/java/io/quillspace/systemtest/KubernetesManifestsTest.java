package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quillspace.infra.FleetService;
import io.quillspace.shared.events.Topics;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.quillspace.systemtest.Repository.BASE;
import static io.quillspace.systemtest.Repository.KAFKA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the source files of {@code k8s/} in step with the services and with each other: the base deploys every
 * service, the topics match {@link Topics#ALL} and what the services consume and produce, the Kafka cluster patch
 * offers the listener the services are configured for, and each KafkaUser is granted what its service uses. The
 * rendered overlays are checked by {@link KubernetesOverlaysTest}.
 */
class KubernetesManifestsTest {

    /** A dead letter waits for a person to fix its cause and replay it: at least 30 days. */
    /** The heap the benchmarks were measured with: half the 512 MiB limit. */
    private static final int HEAP_MIB = 256;
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    /**
     * Topics an outbox relay writes besides its channel's default topic: each outbox record names its topic, which
     * application.properties cannot show.
     */
    private static final Map<FleetService, Set<String>> OUTBOX_TOPICS = Map.of(
            FleetService.BOOKING, Set.of(Topics.BOOKING_EVENTS, Topics.PROPOSAL_EVENTS),
            FleetService.PROJECT, Set.of(Topics.PROJECT_EVENTS));

    @Test
    void theBaseDeploysEveryServiceAndEachOverlayBuildsOnIt() {
        JsonNode kustomization = Manifests.file(BASE.resolve("kustomization.yaml")).documents().get(0);
        Set<String> resources = new HashSet<>();
        kustomization.get("resources").forEach(resource -> resources.add(resource.asText()));
        for (String resource : resources) {
            assertTrue(Files.exists(BASE.resolve(resource)), "the base lists a missing file: " + resource);
        }
        for (FleetService service : FleetService.values()) {
            assertTrue(resources.contains(service.module() + ".yaml"), service.module() + " is not in the kustomize base");
            assertTrue(Files.exists(Repository.ROOT.resolve(service.module()).resolve("src/main/docker/Dockerfile.jvm")),
                    service.module() + " has no Dockerfile.jvm for the image its Deployment runs");
        }
        for (Path overlay : KubernetesOverlaysTest.overlays()) {
            JsonNode overlayKustomization = Manifests.file(overlay.resolve("kustomization.yaml")).documents().get(0);
            List<String> bases = new ArrayList<>();
            overlayKustomization.get("resources").forEach(resource -> bases.add(resource.asText()));
            assertEquals(List.of("../../base"), bases, overlay + " builds on the base");
        }
    }

    /**
     * Production runs G1 on a fixed heap of {@link #HEAP_MIB}, not the image's footprint-tuned ParallelGC, which
     * shrinks the heap until full GCs stall webhook-ingress. The local fleet and the benchmarks start their JVMs from
     * the same ConfigMap and limits (io.quillspace.infra.launcher.BaseManifests), so they measure this heap.
     */
    @Test
    void everyServiceRunsG1OnTheFixedHeapTheLocalFleetRuns() {
        JsonNode jvm = Manifests.file(BASE.resolve("config.yaml")).named("ConfigMap").get("quillspace-jvm").get("data");
        int heapPercent = jvm.get("JAVA_MAX_MEM_RATIO").asInt();
        assertEquals(List.of("-XX:+UseG1GC", "-XX:InitialRAMPercentage=" + heapPercent),
                List.of(jvm.get("GC_CONTAINER_OPTIONS").asText().split(" ")), "initial heap = maximum heap, G1");
        assertEquals("100", jvm.get("GC_MAX_HEAP_FREE_RATIO").asText(),
                "the heap is never shrunk below its initial size");
        for (Path overlay : KubernetesOverlaysTest.overlays()) {
            for (JsonNode deployment : Manifests.render(overlay).named("Deployment").values()) {
                for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                    String what = overlay.getFileName() + " " + container.get("name").asText();
                    List<String> configMaps = new ArrayList<>();
                    container.path("envFrom").forEach(source -> configMaps.add(source.at("/configMapRef/name").asText()));
                    assertTrue(configMaps.contains("quillspace-jvm"), what + " does not read ConfigMap quillspace-jvm");
                    String limit = container.at("/resources/limits/memory").asText();
                    assertTrue(limit.endsWith("Mi"), what + " memory limit in MiB: " + limit);
                    int limitMib = Integer.parseInt(limit.substring(0, limit.length() - 2));
                    assertEquals(HEAP_MIB, limitMib * heapPercent / 100, what + " heap in MiB");
                }
            }
        }
    }

    @Test
    void kafkaTopicsAreTheFleetsTopicsWithTheirPartitions() {
        Map<String, Integer> declared = new TreeMap<>();
        topics().forEach((name, topic) -> declared.put(name, topic.at("/spec/partitions").asInt()));
        assertEquals(new TreeMap<>(Topics.ALL.stream().collect(Collectors.toMap(Topics.Spec::name, Topics.Spec::partitions))),
                declared);
    }

    /** acks=all is only as strong as min.insync.replicas: with 3 replicas and 2 in sync, one broker may be down. */
    @Test
    void everyTopicHasThreeReplicasOfWhichTwoMustAcknowledge() {
        topics().forEach((name, topic) -> {
            assertEquals(3, topic.at("/spec/replicas").asInt(), name + " replicas");
            assertEquals(2, topic.at("/spec/config/min.insync.replicas").asInt(), name + " min.insync.replicas");
        });
    }

    /**
     * The other half of min.insync.replicas: a producer that does not wait for every in-sync replica (acks=1, the
     * connector's default) can lose an acknowledged record with the one broker that had it.
     */
    @Test
    void everyProducerWaitsForEveryInSyncReplica() {
        for (FleetService service : FleetService.values()) {
            ServiceConfiguration configuration = ServiceConfiguration.of(service);
            for (String channel : configuration.outgoingChannels()) {
                assertEquals("all", configuration.value(channel + "acks").orElse("1"), service.module() + " " + channel + "acks");
                assertEquals("true", configuration.value(channel + "enable.idempotence").orElse("false"),
                        service.module() + " " + channel + "enable.idempotence");
            }
        }
        ServiceConfiguration ingress = ServiceConfiguration.of(FleetService.WEBHOOK_INGRESS);
        assertEquals("all", ingress.value("quillspace.ingress.producer.\"acks\"").orElse("1"), "webhook-ingress deliveries");
        assertEquals("true", ingress.value("quillspace.ingress.producer.\"enable.idempotence\"").orElse("false"),
                "webhook-ingress deliveries");
    }

    @Test
    void deadLettersAreKeptAtLeastThirtyDays() {
        topics().forEach((name, topic) -> {
            if (name.endsWith(".dlq")) {
                long retention = topic.at("/spec/config/retention.ms").asLong();
                assertTrue(retention >= DEAD_LETTER_RETENTION.toMillis(), name + " keeps dead letters " + retention + " ms");
            }
        });
    }

    /** Every topic a service consumes, dead-letters to or produces is provisioned; nothing is auto-created. */
    @Test
    void everyTopicTheServicesUseIsProvisioned() {
        Set<String> provisioned = topics().keySet();
        for (FleetService service : FleetService.values()) {
            for (String topic : used(service).keySet()) {
                assertTrue(provisioned.contains(topic), service.module() + " uses " + topic + ", not in kafka-topics.yaml");
            }
        }
    }

    @Test
    void eachServicesKafkaUserIsGrantedWhatItsServiceUses() {
        Map<String, JsonNode> users = Manifests.file(BASE.resolve("kafka-users.yaml")).named("KafkaUser");
        for (FleetService service : FleetService.values()) {
            JsonNode user = users.get(service.module());
            assertTrue(user != null, "no KafkaUser " + service.module());
            assertEquals("scram-sha-512", user.at("/spec/authentication/type").asText(), service.module());
            Set<String> granted = grants(user);
            Set<String> missing = new TreeSet<>();
            used(service).forEach((topic, operation) -> {
                if (!granted.contains("topic " + topic + " " + operation)) {
                    missing.add("topic " + topic + " " + operation);
                }
            });
            for (ServiceConfiguration.Incoming incoming : ServiceConfiguration.of(service).incoming()) {
                if (!granted.contains("group " + incoming.group() + " Read")) {
                    missing.add("group " + incoming.group() + " Read");
                }
            }
            assertEquals(Set.of(), missing, "KafkaUser " + service.module() + " lacks grants its service needs");
        }
    }

    /** The replay tool reads every dead-letter topic with its own group and writes only to their source topics. */
    @Test
    void theReplayToolsKafkaUserReadsDeadLettersAndWritesTheirSources() {
        JsonNode user = Manifests.file(BASE.resolve("kafka-users.yaml")).named("KafkaUser").get("dlq-replay");
        Set<String> expected = new TreeSet<>();
        for (Topics.Spec topic : Topics.ALL) {
            if (!topic.name().endsWith(".dlq")) {
                expected.add("topic " + topic.name() + " Describe");
                expected.add("topic " + topic.name() + " Write");
                expected.add("topic " + Topics.deadLetter(topic.name()) + " Describe");
                expected.add("topic " + Topics.deadLetter(topic.name()) + " Read");
            }
        }
        expected.add("group quillspace-dead-letter-replay Read");
        expected.add("cluster kafka-cluster IdempotentWrite");
        assertEquals(expected, grants(user));
    }

    /** Grants name single topics and groups: a prefix or wildcard would reach topics no one reviewed. */
    @Test
    void kafkaUsersGrantOnlyLiteralResources() {
        for (JsonNode user : Manifests.file(BASE.resolve("kafka-users.yaml")).named("KafkaUser").values()) {
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                JsonNode resource = acl.get("resource");
                if (!"cluster".equals(resource.get("type").asText())) {
                    assertEquals("literal", resource.path("patternType").asText(), user.at("/metadata/name") + " " + resource);
                    assertFalse(resource.get("name").asText().contains("*"), user.at("/metadata/name") + " " + resource);
                }
            }
        }
    }

    /** The cluster patch offers the listener, mechanism and user namespace the services' configuration assumes. */
    @Test
    void theKafkaClusterOffersTheListenerTheServicesUse() {
        JsonNode patch = Manifests.file(KAFKA.resolve("kafka-cluster-patch.yaml")).documents().get(0);
        JsonNode common = Manifests.file(BASE.resolve("config.yaml")).named("ConfigMap").get("quillspace-common").get("data");
        String bootstrap = common.get("KAFKA_BOOTSTRAP_SERVERS").asText();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        JsonNode listener = null;
        for (JsonNode candidate : patch.at("/spec/kafka/listeners")) {
            if (candidate.get("port").asInt() == port) {
                listener = candidate;
            }
        }
        assertTrue(listener != null, "no listener on port " + port + " of " + bootstrap);
        assertTrue(bootstrap.startsWith("kafka-kafka-bootstrap.kafka.svc:"), "cluster kafka in namespace kafka: " + bootstrap);
        assertEquals("SASL_SSL", common.get("KAFKA_SECURITY_PROTOCOL").asText());
        assertTrue(listener.get("tls").asBoolean(), "SASL_SSL needs a TLS listener");
        assertEquals(common.get("KAFKA_SASL_MECHANISM").asText().toLowerCase(),
                listener.at("/authentication/type").asText(), "SASL mechanism");
        assertEquals("simple", patch.at("/spec/kafka/authorization/type").asText(), "ACLs enforced");
        String namespace = Manifests.file(BASE.resolve("kustomization.yaml")).documents().get(0).get("namespace").asText();
        assertEquals(namespace, patch.at("/spec/entityOperator/userOperator/watchedNamespace").asText(),
                "the User Operator writes the KafkaUsers' Secrets where the services run");
    }

    /** Broker-side lag covers every topic and consumer group of the fleet. */
    @Test
    void theKafkaExporterWatchesEveryTopicAndGroup() {
        JsonNode exporter = Manifests.file(KAFKA.resolve("kafka-cluster-patch.yaml")).documents().get(0)
                .at("/spec/kafkaExporter");
        Pattern topics = Pattern.compile(exporter.get("topicRegex").asText());
        Pattern groups = Pattern.compile(exporter.get("groupRegex").asText());
        for (Topics.Spec topic : Topics.ALL) {
            assertTrue(topics.matcher(topic.name()).matches(), "kafkaExporter.topicRegex misses " + topic.name());
        }
        for (FleetService service : FleetService.values()) {
            for (ServiceConfiguration.Incoming incoming : ServiceConfiguration.of(service).incoming()) {
                assertTrue(groups.matcher(incoming.group()).matches(), "kafkaExporter.groupRegex misses " + incoming.group());
            }
        }
        assertTrue(Manifests.render(KAFKA).named("PodMonitor").containsKey("kafka-exporter"), "no PodMonitor scrapes it");
    }

    /** Topic to the operation the service needs on it (Read or Write; Describe comes with either). */
    private static Map<String, String> used(FleetService service) {
        ServiceConfiguration configuration = ServiceConfiguration.of(service);
        Map<String, String> used = new TreeMap<>();
        for (ServiceConfiguration.Incoming incoming : configuration.incoming()) {
            used.put(incoming.topic(), "Read");
            incoming.deadLetterTopic().ifPresent(topic -> used.put(topic, "Write"));
        }
        configuration.outgoingTopics().forEach(topic -> used.put(topic, "Write"));
        OUTBOX_TOPICS.getOrDefault(service, Set.of()).forEach(topic -> used.put(topic, "Write"));
        if (service == FleetService.WEBHOOK_INGRESS) {
            // A bare producer (DeliveryProducerFactory), not a channel.
            used.put(Topics.CALENDLY_WEBHOOKS, "Write");
        }
        return used;
    }

    /** "topic NAME OPERATION", "group NAME OPERATION", "cluster kafka-cluster OPERATION" per granted operation. */
    private static Set<String> grants(JsonNode user) {
        Set<String> grants = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            String type = acl.at("/resource/type").asText();
            String name = "cluster".equals(type) ? "kafka-cluster" : acl.at("/resource/name").asText();
            acl.get("operations").forEach(operation -> grants.add(type + " " + name + " " + operation.asText()));
        }
        return grants;
    }

    static Map<String, JsonNode> topics() {
        Map<String, JsonNode> topics = new TreeMap<>();
        for (JsonNode topic : Manifests.file(KAFKA.resolve("kafka-topics.yaml")).named("KafkaTopic").values()) {
            topics.put(topic.at("/spec/topicName").asText(), topic);
        }
        return topics;
    }
}
