package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.quillspace.infra.FleetService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.quillspace.systemtest.KubernetesOverlaysTest.matches;
import static io.quillspace.systemtest.Repository.K8S;
import static io.quillspace.systemtest.Repository.OPERATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Jobs of {@code k8s/operations}, which operators create on demand and no overlay renders: they run under the
 * namespace's restricted Pod Security Standard like the fleet, name only documented Secret keys, and the
 * NetworkPolicies of every overlay let them reach the service they call, and nothing lets any other pod in.
 */
class KubernetesOperationsTest {

    /** One Job of k8s/operations as operators create it. */
    record OperationsJob(Path file, JsonNode resource, PodTemplateSpec template) {

        String name() {
            return file.getFileName().toString();
        }

        Container container() {
            assertEquals(1, template.getSpec().getContainers().size(), name() + " containers");
            return template.getSpec().getContainers().get(0);
        }

        String env(String variable) {
            return KubernetesOverlaysTest.value(container(), variable)
                    .orElseThrow(() -> new AssertionError(name() + " sets no " + variable));
        }
    }

    static List<OperationsJob> jobs() {
        List<OperationsJob> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(OPERATIONS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode resource : Manifests.file(file).documents()) {
                    assertEquals("Job", resource.path("kind").asText(), file + " holds a " + resource.path("kind"));
                    jobs.add(new OperationsJob(file, resource,
                            Manifests.YAML.convertValue(resource.at("/spec/template"), PodTemplateSpec.class)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jobs;
    }

    static Stream<KubernetesOverlaysTest.Overlay> rendered() {
        return KubernetesOverlaysTest.rendered();
    }

    @Test
    void operationsJobsAreCreatedOnDemandAndNeverApplied() throws IOException {
        assertFalse(jobs().isEmpty(), "no Job in " + OPERATIONS);
        for (OperationsJob job : jobs()) {
            // kubectl create -f with generateName: every run is a new Job, and kubectl apply refuses the file.
            assertFalse(job.resource().at("/metadata/generateName").asText().isEmpty(), job.name() + " generateName");
            assertTrue(job.resource().at("/metadata/name").isMissingNode(), job.name() + " has a fixed name");
            assertEquals("quillspace", job.resource().at("/metadata/namespace").asText(), job.name() + " namespace");
            assertTrue(job.resource().at("/spec/backoffLimit").asInt(-1) >= 0, job.name() + " retries without bound");
            assertTrue(job.resource().at("/spec/activeDeadlineSeconds").asInt() > 0, job.name() + " runs without a deadline");
            assertEquals("Never", job.template().getSpec().getRestartPolicy(), job.name() + " restartPolicy");
        }
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path kustomization : files.filter(path -> path.endsWith("kustomization.yaml")).toList()) {
                assertFalse(Files.readString(kustomization).contains("operations/"),
                        kustomization + " applies an on-demand Job on every apply");
            }
        }
    }

    @Test
    void operationsJobsRunUnderTheRestrictedPodSecurityStandard() {
        for (OperationsJob job : jobs()) {
            KubernetesOverlaysTest.assertLimitedNonRootAndReadOnly(job.name(), job.template().getSpec());
        }
    }

    @Test
    void operationsJobsRunAVersionedImage() {
        for (OperationsJob job : jobs()) {
            KubernetesOverlaysTest.assertVersioned(job.name(), job.container().getImage());
        }
    }

    /**
     * Operators create the Secrets of secrets.example.yaml, and Strimzi's User Operator one per KafkaUser (keys
     * password and sasl.jaas.config); a key missing there leaves the pod unable to start.
     */
    @Test
    void operationsJobsReadOnlyDocumentedSecretKeys() {
        Map<String, JsonNode> documented = Manifests.file(K8S.resolve("secrets.example.yaml")).named("Secret");
        Set<String> kafkaUsers = Manifests.file(K8S.resolve("base/kafka-users.yaml")).named("KafkaUser").keySet();
        for (OperationsJob job : jobs()) {
            for (EnvVar variable : KubernetesOverlaysTest.env(job.container())) {
                SecretKeySelector secret = variable.getValueFrom() == null ? null : variable.getValueFrom().getSecretKeyRef();
                if (secret == null) {
                    continue;
                }
                if (kafkaUsers.contains(secret.getName())) {
                    assertTrue(Set.of("password", "sasl.jaas.config").contains(secret.getKey()),
                            job.name() + " reads key " + secret.getKey() + " of KafkaUser Secret " + secret.getName());
                    continue;
                }
                JsonNode example = documented.get(secret.getName());
                assertNotNull(example, job.name() + " reads Secret " + secret.getName() + ", not in secrets.example.yaml");
                assertTrue(example.path("stringData").has(secret.getKey()),
                        job.name() + " reads key " + secret.getKey() + " of Secret " + secret.getName() + ", not documented");
            }
        }
    }

    /**
     * The subscribe Job calls webhook-ingress's Service for a studio webhook-ingress has Calendly API access for; the
     * default-deny policies let exactly that traffic through: egress from the Job's pod, ingress to webhook-ingress.
     */
    @ParameterizedTest
    @MethodSource("rendered")
    void theSubscribeJobReachesWebhookIngressForAConfiguredStudio(KubernetesOverlaysTest.Overlay overlay) {
        OperationsJob job = jobs().stream().filter(j -> j.name().equals("calendly-subscribe-job.yaml")).findFirst()
                .orElseThrow(() -> new AssertionError("no calendly-subscribe-job.yaml in " + OPERATIONS));
        URI ingressUrl = URI.create(job.env("INGRESS_URL"));
        String[] host = ingressUrl.getHost().split("\\.");
        assertEquals(List.of("webhook-ingress", "quillspace", "svc"), List.of(host), "INGRESS_URL " + ingressUrl);
        int port = ingressUrl.getPort() == -1 ? 80 : ingressUrl.getPort();
        Service service = overlay.rendered().typed("Service", Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals(host[0])).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " has no Service " + host[0]));
        String targetPort = service.getSpec().getPorts().stream().filter(p -> p.getPort() == port)
                .map(ServicePort::getTargetPort).map(IntOrString::getStrVal).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " Service " + host[0] + " has no port " + port));

        Deployment ingress = overlay.deployment(FleetService.WEBHOOK_INGRESS);
        Container main = KubernetesOverlaysTest.mainContainer(ingress);
        String studio = job.env("STUDIO");
        Set<String> variables = new TreeSet<>();
        KubernetesOverlaysTest.env(main).forEach(variable -> variables.add(variable.getName()));
        assertTrue(variables.contains("QUILLSPACE_INGRESS_TENANTS_" + studio.toUpperCase() + "_API_TOKEN"),
                overlay + " webhook-ingress has no Calendly API token for studio " + studio);

        Map<String, String> jobPod = job.template().getMetadata().getLabels();
        Map<String, String> ingressPod = ingress.getSpec().getTemplate().getMetadata().getLabels();
        Integer containerPort = KubernetesOverlaysTest.ports(main).get(targetPort);
        List<NetworkPolicy> policies = overlay.rendered().typed("NetworkPolicy", NetworkPolicy.class);
        assertTrue(policies.stream()
                        .filter(policy -> policy.getSpec().getPolicyTypes().contains("Egress"))
                        .filter(policy -> matches(policy.getSpec().getPodSelector(), jobPod))
                        .flatMap(policy -> policy.getSpec().getEgress().stream())
                        .anyMatch(rule -> admits(rule.getTo(), ingressPod) && opens(rule.getPorts(), targetPort, containerPort)),
                overlay + ": no NetworkPolicy lets the subscribe Job's pod reach webhook-ingress on " + targetPort);
        assertTrue(policies.stream()
                        .filter(policy -> policy.getSpec().getPolicyTypes().contains("Ingress"))
                        .filter(policy -> matches(policy.getSpec().getPodSelector(), ingressPod))
                        .flatMap(policy -> policy.getSpec().getIngress().stream())
                        .anyMatch(rule -> admits(rule.getFrom(), jobPod) && opens(rule.getPorts(), targetPort, containerPort)),
                overlay + ": no NetworkPolicy lets webhook-ingress admit the subscribe Job's pod on " + targetPort);
    }

    /**
     * The listener is internal, so dead letters are read and replayed by a Job: it runs the launcher's dlq command
     * with the replay user's client configuration, and its pod may reach the brokers' port and nothing else.
     */
    @ParameterizedTest
    @MethodSource("rendered")
    void theDeadLetterJobReachesOnlyTheBrokersAsTheReplayUser(KubernetesOverlaysTest.Overlay overlay) {
        OperationsJob job = jobs().stream().filter(j -> j.name().equals("dlq-replay-job.yaml")).findFirst()
                .orElseThrow(() -> new AssertionError("no dlq-replay-job.yaml in " + OPERATIONS));
        assertTrue(job.env("TOPIC").endsWith(".dlq"), "TOPIC " + job.env("TOPIC"));
        String script = String.join(" ", job.container().getArgs());
        assertTrue(script.contains("FleetLauncher dlq \"${TOPIC}\" ${REPLAY}"), script);
        assertTrue(script.contains("\"${QUILLSPACE_KAFKA_CLIENT_CONFIG}\""), "writes the client config it names: " + script);
        String bootstrap = job.env("QUILLSPACE_KAFKA_BOOTSTRAP_SERVERS");
        assertEquals(Manifests.file(K8S.resolve("base/config.yaml")).named("ConfigMap").get("quillspace-common")
                .at("/data/KAFKA_BOOTSTRAP_SERVERS").asText(), bootstrap, "the services' bootstrap servers");
        assertEquals("dlq-replay", KubernetesOverlaysTest.env(job.container()).stream()
                .filter(variable -> variable.getName().equals("SASL_JAAS_CONFIG")).findFirst().orElseThrow()
                .getValueFrom().getSecretKeyRef().getName(), "KafkaUser dlq-replay's credentials");
        int brokerPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        assertEquals(Set.of(53, brokerPort), egressPorts(overlay, job.template().getMetadata().getLabels()),
                overlay + " dlq-replay Job egress ports");
    }

    /** The subscribe Job calls webhook-ingress only: no broker, no collector, no database, no internet. */
    @ParameterizedTest
    @MethodSource("rendered")
    void theSubscribeJobReachesNothingButWebhookIngress(KubernetesOverlaysTest.Overlay overlay) {
        OperationsJob job = jobs().stream().filter(j -> j.name().equals("calendly-subscribe-job.yaml")).findFirst()
                .orElseThrow();
        Set<String> portNames = new TreeSet<>();
        Set<Integer> ports = new TreeSet<>();
        for (NetworkPolicy policy : overlay.rendered().typed("NetworkPolicy", NetworkPolicy.class)) {
            if (policy.getSpec().getPolicyTypes().contains("Egress")
                    && matches(policy.getSpec().getPodSelector(), job.template().getMetadata().getLabels())) {
                policy.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(port -> {
                    if (port.getPort().getStrVal() != null) {
                        portNames.add(port.getPort().getStrVal());
                    } else {
                        ports.add(port.getPort().getIntVal());
                    }
                }));
            }
        }
        assertEquals(Set.of("http"), portNames, overlay + " subscribe Job egress by name");
        assertEquals(Set.of(53), ports, overlay + " subscribe Job egress ports (DNS only)");
    }

    private static Set<Integer> egressPorts(KubernetesOverlaysTest.Overlay overlay, Map<String, String> pod) {
        Set<Integer> ports = new TreeSet<>();
        for (NetworkPolicy policy : overlay.rendered().typed("NetworkPolicy", NetworkPolicy.class)) {
            if (policy.getSpec().getPolicyTypes().contains("Egress") && matches(policy.getSpec().getPodSelector(), pod)) {
                policy.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(port -> ports.add(port.getPort().getIntVal())));
            }
        }
        return ports;
    }

    /** A peer of the same namespace (no namespaceSelector) whose pod selector matches the pod. */
    private static boolean admits(List<NetworkPolicyPeer> peers, Map<String, String> pod) {
        return peers.stream().anyMatch(peer -> peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                && peer.getPodSelector() != null && matches(peer.getPodSelector(), pod));
    }

    private static boolean opens(List<NetworkPolicyPort> ports, String name, Integer number) {
        return ports.stream().anyMatch(port -> name.equals(port.getPort().getStrVal())
                || number != null && number.equals(port.getPort().getIntVal()));
    }
}
