package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quillspace.infra.FleetService;
import io.quillspace.shared.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * service, the topics match {@link Topics#ALL} and what the services consume and produce, the dedicated Kafka cluster
 * (and its dev-sized variant) offers the listener the services are configured for with replication the topics can
 * meet, and each KafkaUser is granted what its service uses. The
 * rendered overlays are checked by {@link KubernetesOverlaysTest}.
 */
class KubernetesManifestsTest {

    /** A dead letter waits for a person to fix its cause and replay it: at least 30 days. */
    /** The heap the benchmarks were measured with: half the 512 MiB limit. */
    private static final int HEAP_MIB = 96;
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
     * Every image starts from the same JRE-only runtime image, pinned by digest: a tag (or the JDK + Maven builder
     * image it replaced) changes under a rebuild.
     */
    @Test
    void everyImageStartsFromTheRuntimeImagePinnedByDigest() throws Exception {
        Pattern pinned = Pattern.compile("FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime@sha256:[0-9a-f]{64}");
        Set<String> bases = new TreeSet<>();
        for (FleetService service : FleetService.values()) {
            Path dockerfile = Repository.ROOT.resolve(service.module()).resolve("src/main/docker/Dockerfile.jvm");
            List<String> from = Files.readAllLines(dockerfile).stream().filter(line -> line.startsWith("FROM ")).toList();
            assertEquals(1, from.size(), dockerfile + " stages");
            assertTrue(pinned.matcher(from.get(0)).matches(), dockerfile + ": " + from.get(0));
            bases.add(from.get(0));
        }
        assertEquals(1, bases.size(), "one base image for the fleet: " + bases);
    }

    /**
     * Production runs SerialGC on a fixed heap of {@link #HEAP_MIB}, not the image's footprint-tuned ParallelGC, which
     * shrinks the heap until full GCs stall webhook-ingress. The local fleet and the benchmarks start their JVMs from
     * the same ConfigMap and limits (io.quillspace.infra.launcher.BaseManifests), so they measure this heap.
     */
    @Test
    void everyServiceRunsSerialGcOnTheFixedHeapTheLocalFleetRuns() {
        JsonNode jvm = Manifests.file(BASE.resolve("config.yaml")).named("ConfigMap").get("quillspace-jvm").get("data");
        int heapPercent = jvm.get("JAVA_MAX_MEM_RATIO").asInt();
        List<String> options = List.of(jvm.get("GC_CONTAINER_OPTIONS").asText().split(" "));
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:InitialRAMPercentage=" + heapPercent), options.subList(0, 2),
                "initial heap = maximum heap, SerialGC");
        // What the JVM may take besides the heap, capped; run-java.sh turns GC_MAX_METASPACE_SIZE into the metaspace cap.
        assertTrue(options.stream().noneMatch(option -> option.startsWith("-XX:MaxMetaspaceSize=")),
                "metaspace is capped once, by GC_MAX_METASPACE_SIZE, which run-java.sh would add after the options");
        int capsMib = jvm.get("GC_MAX_METASPACE_SIZE").asInt()
                + mib(options, "-XX:ReservedCodeCacheSize=") + mib(options, "-XX:MaxDirectMemorySize=");
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
                    assertTrue(HEAP_MIB + capsMib <= limitMib * 0.9, what + " heap " + HEAP_MIB
                            + " + capped pools " + capsMib + " MiB above 90% of the limit, where the working-set alert fires");
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

    /**
     * Operators get 30 days to replay a dead letter, except where the records are a client's whole data (export parts):
     * those go when their topic's records go, so a dead letter never outlives what erasure and retention promise.
     */
    @Test
    void deadLettersAreKeptAtLeastThirtyDaysAndClientDataNoLongerThanItsTopic() {
        String clientDeadLetters = Topics.CLIENT_EVENTS + ".dlq";
        topics().forEach((name, topic) -> {
            long retention = topic.at("/spec/config/retention.ms").asLong();
            if (name.equals(clientDeadLetters)) {
                assertEquals(Long.parseLong(Topics.CLIENT_EVENTS_RETENTION_MS), retention, name + " keeps client data");
            } else if (name.endsWith(".dlq")) {
                assertTrue(retention >= DEAD_LETTER_RETENTION.toMillis(), name + " keeps dead letters " + retention + " ms");
            }
        });
        assertTrue(topics().containsKey(clientDeadLetters), clientDeadLetters + " is provisioned");
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

    /** The cluster offers the listener, mechanism and user namespace the services' configuration assumes. */
    @Test
    void theKafkaClusterOffersTheListenerTheServicesUse() {
        JsonNode patch = kafka(Manifests.render(KAFKA));
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
        JsonNode exporter = kafka(Manifests.render(KAFKA)).at("/spec/kafkaExporter");
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

    /**
     * KRaft needs a controller quorum: the pool's nodes hold both roles, an odd number of them. Strimzi 0.48 and later
     * ignore the old opt-in annotations, so a manifest relying on them would mislead.
     */
    @Test
    void theKafkaClusterIsKRaftWithThreeDualRoleNodes() {
        Manifests cluster = Manifests.render(KAFKA);
        JsonNode pool = pool(cluster);
        assertEquals(Set.of("controller", "broker"), texts(pool.at("/spec/roles")), "roles of the pool");
        assertEquals(3, pool.at("/spec/replicas").asInt(), "dual-role nodes");
        assertEquals("kafka", pool.at("/metadata/labels/strimzi.io~1cluster").asText(), "pool of cluster kafka");
        JsonNode annotations = kafka(cluster).at("/metadata/annotations");
        assertTrue(annotations.path("strimzi.io/kraft").isMissingNode() && annotations.path("strimzi.io/node-pools").isMissingNode(),
                "annotations Strimzi 0.48 ignores");
    }

    /** Prod (3 nodes) and dev (1 node): each topic fits on the brokers, and acks=all can be met with one of them down. */
    @Test
    void everyVariantsTopicsAndMinInSyncReplicasFitItsBrokers() {
        for (Path variant : List.of(KAFKA, KAFKA.resolveSibling("kafka-dev"))) {
            Manifests cluster = Manifests.render(variant);
            int brokers = pool(cluster).at("/spec/replicas").asInt();
            JsonNode config = kafka(cluster).at("/spec/kafka/config");
            int clusterMinInSync = config.get("min.insync.replicas").asInt();
            assertTrue(config.get("offsets.topic.replication.factor").asInt() <= brokers, variant + " offsets topic");
            assertTrue(config.get("transaction.state.log.min.isr").asInt()
                    <= config.get("transaction.state.log.replication.factor").asInt(), variant + " transaction log");
            for (JsonNode topic : cluster.named("KafkaTopic").values()) {
                String what = variant.getFileName() + " " + topic.at("/spec/topicName").asText();
                int replicas = topic.at("/spec/replicas").asInt();
                int minInSync = topic.at("/spec/config/min.insync.replicas").asInt();
                assertTrue(replicas <= brokers, what + " has " + replicas + " replicas on " + brokers + " brokers");
                assertEquals(clusterMinInSync, minInSync, what + " min.insync.replicas vs the cluster's");
                assertTrue(minInSync <= Math.max(1, replicas - 1), what + " refuses writes while one replica is down");
            }
        }
        assertEquals(1, pool(Manifests.render(KAFKA.resolveSibling("kafka-dev"))).at("/spec/replicas").asInt(), "dev brokers");
    }

    /**
     * The replay group commits its progress and may not run again for weeks: the broker must keep those offsets
     * longer than the dead letters themselves, or a later replay would send every kept letter again.
     */
    @Test
    void theReplayGroupsOffsetsOutliveTheDeadLetters() {
        long offsetsKept = Duration.ofMinutes(kafka(Manifests.render(KAFKA))
                .at("/spec/kafka/config/offsets.retention.minutes").asLong()).toMillis();
        topics().forEach((name, topic) -> {
            if (name.endsWith(".dlq")) {
                assertTrue(offsetsKept > topic.at("/spec/config/retention.ms").asLong(),
                        name + " outlives the replay group's offsets (" + offsetsKept + " ms)");
            }
        });
    }

    /**
     * Every database URL of both overlays names the CloudNativePG cluster's read-write Service, the name its server
     * certificate carries for verify-full, and a database the cluster creates.
     */
    @Test
    void theServicesConnectToTheClustersReadWriteServiceAndItsDatabases() {
        Manifests postgres = Manifests.render(Repository.K8S.resolve("postgres"));
        JsonNode cluster = postgres.named("Cluster").values().iterator().next();
        String host = cluster.at("/metadata/name").asText() + "-rw." + cluster.at("/metadata/namespace").asText() + ".svc";
        Set<String> databases = new TreeSet<>();
        databases.add(cluster.at("/spec/bootstrap/initdb/database").asText());
        postgres.named("Database").values().forEach(database -> databases.add(database.at("/spec/name").asText()));
        Pattern url = Pattern.compile("^(?:jdbc:)?postgresql://([^:/]+):5432/([a-z_]+)(?:\\?.*)?$");
        for (String overlay : List.of("dev", "prod")) {
            for (JsonNode configMap : Manifests.render(Repository.K8S.resolve("overlays/" + overlay)).named("ConfigMap").values()) {
                configMap.path("data").fields().forEachRemaining(entry -> {
                    if (!entry.getKey().startsWith("QUARKUS_DATASOURCE_") || !entry.getKey().endsWith("_URL")) {
                        return;
                    }
                    var matcher = url.matcher(entry.getValue().asText());
                    String what = overlay + " " + configMap.at("/metadata/name").asText() + " " + entry.getKey();
                    assertTrue(matcher.matches(), what + " = " + entry.getValue().asText());
                    assertEquals(host, matcher.group(1), what);
                    assertTrue(databases.contains(matcher.group(2)), what + ": no database " + matcher.group(2));
                });
            }
        }
    }

    /** Backups through the Barman Cloud Plugin: the in-tree barmanObjectStore is gone in CloudNativePG 1.32. */
    @Test
    void theDatabaseIsArchivedAndBackedUpThroughTheBarmanCloudPlugin() {
        Manifests postgres = Manifests.render(Repository.K8S.resolve("postgres"));
        JsonNode cluster = postgres.named("Cluster").values().iterator().next();
        assertTrue(cluster.at("/spec/backup/barmanObjectStore").isMissingNode(), "in-tree barmanObjectStore");
        JsonNode plugin = cluster.at("/spec/plugins/0");
        assertEquals("barman-cloud.cloudnative-pg.io", plugin.get("name").asText());
        assertTrue(plugin.get("isWALArchiver").asBoolean(), "WAL archived through the plugin");
        assertTrue(postgres.named("ObjectStore").containsKey(plugin.at("/parameters/barmanObjectName").asText()),
                "the plugin's ObjectStore");
        assertFalse(postgres.named("ScheduledBackup").isEmpty(), "no scheduled backup");
        for (JsonNode backup : postgres.named("ScheduledBackup").values()) {
            assertEquals("plugin", backup.at("/spec/method").asText());
            assertEquals("barman-cloud.cloudnative-pg.io", backup.at("/spec/pluginConfiguration/name").asText());
            assertEquals(cluster.at("/metadata/name").asText(), backup.at("/spec/cluster/name").asText());
        }
    }

    /**
     * Calendly delivers only to a certificate it trusts, which must be issued and renewed under default-deny: every
     * overlay uses the trusted issuer, and cert-manager's HTTP-01 solver pods admit the edge on their port.
     */
    @Test
    void certificatesComeFromTheTrustedIssuerAndTheirChallengesReachTheSolver() {
        for (Path overlay : KubernetesOverlaysTest.overlays()) {
            Manifests rendered = Manifests.render(overlay);
            for (JsonNode ingress : rendered.named("Ingress").values()) {
                assertEquals("letsencrypt", ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText(),
                        overlay.getFileName() + " Ingress " + ingress.at("/metadata/name").asText());
            }
            JsonNode solver = rendered.named("NetworkPolicy").get("acme-http01-solver-from-edge");
            assertTrue(solver != null, overlay.getFileName() + " has no policy admitting the HTTP-01 solver");
            assertEquals("true", solver.at("/spec/podSelector/matchLabels/acme.cert-manager.io~1http01-solver").asText());
            assertEquals(8089, solver.at("/spec/ingress/0/ports/0/port").asInt(), "the solver's port");
            assertEquals("ingress-nginx", solver.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText());
        }
    }

    /**
     * The Gateway API edge replaces the Ingress in an overlay: one HTTPRoute to webhook-ingress's Service, the
     * implementation's body limit equal to the service's own, the certificate from the trusted issuer.
     */
    @Test
    void theGatewayApiComponentRoutesCalendlyWithTheServicesBodyLimit(@TempDir Path directory) throws Exception {
        for (Path overlay : KubernetesOverlaysTest.overlays()) {
            Path kustomization = directory.resolve(overlay.getFileName().toString());
            Files.createDirectories(kustomization);
            Files.writeString(kustomization.resolve("kustomization.yaml"), "resources:\n  - "
                    + kustomization.relativize(overlay) + "\ncomponents:\n  - "
                    + kustomization.relativize(Repository.K8S.resolve("components/gateway-api")) + "\n");
            Manifests rendered = Manifests.render(kustomization);
            String what = overlay.getFileName() + " with the Gateway API edge";
            assertTrue(rendered.named("Ingress").isEmpty(), what + " still has an Ingress");
            JsonNode gateway = rendered.named("Gateway").get("quillspace-edge");
            assertEquals("letsencrypt", gateway.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText(), what);
            JsonNode route = rendered.named("HTTPRoute").get("webhook-ingress");
            assertEquals(1, route.at("/spec/rules").size(), what + " rules (one ClientSettingsPolicy per route rule)");
            JsonNode backend = route.at("/spec/rules/0/backendRefs/0");
            JsonNode service = rendered.named("Service").get(backend.get("name").asText());
            assertTrue(service != null, what + " routes to a missing Service " + backend);
            assertEquals(backend.get("port").asInt(), service.at("/spec/ports/0/port").asInt(), what + " Service port");
            JsonNode policy = rendered.named("ClientSettingsPolicy").values().iterator().next();
            assertEquals("HTTPRoute/webhook-ingress", policy.at("/spec/targetRef/kind").asText() + "/"
                    + policy.at("/spec/targetRef/name").asText(), what);
            String maxSize = policy.at("/spec/body/maxSize").asText();
            assertTrue(maxSize.endsWith("k"), maxSize);
            assertEquals(ServiceConfiguration.of(FleetService.WEBHOOK_INGRESS).value("quillspace.ingress.max-body-bytes")
                    .map(Long::parseLong).orElseThrow(), Long.parseLong(maxSize.substring(0, maxSize.length() - 1)) * 1024,
                    what + " body limit vs the service's");
        }
    }

    private static JsonNode kafka(Manifests cluster) {
        return cluster.named("Kafka").get("kafka");
    }

    private static JsonNode pool(Manifests cluster) {
        Map<String, JsonNode> pools = cluster.named("KafkaNodePool");
        assertEquals(1, pools.size(), "node pools");
        return pools.values().iterator().next();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    /** The MiB of a {@code -XX:Name=<n>m} option, which must be present. */
    private static int mib(List<String> options, String prefix) {
        String value = options.stream().filter(option -> option.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + options)).substring(prefix.length());
        assertTrue(value.endsWith("m"), prefix + value + " in MiB");
        return Integer.parseInt(value.substring(0, value.length() - 1));
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
