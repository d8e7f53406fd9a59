package io.quillspace.systemtest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quillspace.infra.FleetService;
import io.quillspace.infra.ServicePorts;
import io.quillspace.infra.launcher.ContainerImage;
import io.quillspace.infra.launcher.Fleet;
import io.quillspace.infra.launcher.RunJava;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pods of a rendered overlay as the fleet's processes: for each Deployment, its init container (the migration)
 * and its container, each with the environment Kubernetes would give it ({@link PodEnvironment}) after the
 * rehearsal's {@link Substitutions}, the image's environment beneath, the JVM run-java.sh would start for it within
 * the container's limits ({@link RunJava}), and the container's ports moved to free ones.
 */
final class PodLaunches {

    /** The names under which the manifests' containers expose their two listeners. */
    static final String HTTP = "http";
    static final String MANAGEMENT = "management";

    private final String overlay;
    private final PodEnvironment environment;
    private final Substitutions substitutions;

    PodLaunches(String overlay, PodEnvironment environment, Substitutions substitutions) {
        this.overlay = overlay;
        this.environment = environment;
        this.substitutions = substitutions;
    }

    static FleetService service(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        return Arrays.stream(FleetService.values()).filter(service -> service.module().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("Deployment " + name + " is no service of the fleet"));
    }

    /** The one application container of the pod. */
    static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(deployment.getMetadata().getName() + " has " + containers.size() + " containers");
        }
        return containers.get(0);
    }

    /** The launches of {@code deployments}, on free ports. */
    Map<FleetService, Fleet.ServiceLaunch> of(List<Deployment> deployments) {
        Map<FleetService, Fleet.ServiceLaunch> launches = new EnumMap<>(FleetService.class);
        for (Deployment deployment : deployments) {
            FleetService service = service(deployment);
            Container container = container(deployment);
            List<Container> initContainers = deployment.getSpec().getTemplate().getSpec().getInitContainers();
            if (initContainers.size() > 1) {
                throw new AssertionError(deployment.getMetadata().getName() + ": one init container (the migration) is"
                        + " what the rehearsal runs, not " + initContainers.size());
            }
            ServicePorts ports = ServicePorts.free();
            Optional<Fleet.Launch> migration = initContainers.stream().findFirst()
                    .map(init -> launch(service, deployment, init, ServicePorts.free()));
            launches.put(service, new Fleet.ServiceLaunch(ports, readinessPath(container), migration,
                    launch(service, deployment, container, ports)));
        }
        return launches;
    }

    /** The container's process; {@code ports} replace its containerPorts (an init container has none: the pod's). */
    Fleet.Launch launch(FleetService service, Deployment deployment, Container container, ServicePorts ports) {
        return launch(service, deployment, container, ports, environment.of(name(deployment, container), container));
    }

    /** As above, from {@code resolved}, the container's environment before substitution (a test may change it). */
    Fleet.Launch launch(FleetService service, Deployment deployment, Container container, ServicePorts ports,
                        Map<String, String> resolved) {
        String name = name(deployment, container);
        Path jar = Repository.ROOT.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        Map<String, String> variables = new LinkedHashMap<>(ContainerImage.environment(Repository.ROOT, service.module()));
        variables.putAll(resolved);
        variables = new LinkedHashMap<>(substitutions.apply(name, variables));
        Container main = container(deployment);
        String what = deployment.getMetadata().getName() + "/" + container.getName();
        variables.put("QUARKUS_HTTP_PORT", substitutions.port(what, "QUARKUS_HTTP_PORT",
                containerPort(main, HTTP), ports.api()));
        variables.put("QUARKUS_MANAGEMENT_PORT", substitutions.port(what, "QUARKUS_MANAGEMENT_PORT",
                containerPort(main, MANAGEMENT), ports.management()));
        var limits = container.getResources().getLimits();
        if (limits == null || !limits.containsKey("memory") || !limits.containsKey("cpu")) {
            throw new AssertionError(name + " has no memory and CPU limits: its JVM would size itself to the node");
        }
        RunJava.Limits pod = RunJava.Limits.of(limits.get("memory").toString(), limits.get("cpu").toString());
        if (!container.getCommand().isEmpty()) {
            throw new AssertionError(name + " replaces the image's entrypoint (run-java.sh): " + container.getCommand());
        }
        // A container's args reach run-java.sh, which passes them to the application after the jar.
        List<String> command = Stream.concat(
                RunJava.command(Path.of(System.getProperty("java.home"), "bin", "java"), variables, pod, jar).stream(),
                container.getArgs().stream()).toList();
        return new Fleet.Launch(name, command, variables, jar.getParent());
    }

    String name(Deployment deployment, Container container) {
        return overlay + "/" + deployment.getMetadata().getName() + "/" + container.getName();
    }

    static int containerPort(Container container, String name) {
        return container.getPorts().stream().filter(port -> name.equals(port.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + name));
    }

    /** A probe's path; it must be on the management port, where Quarkus serves /q/health. */
    static String probePath(Container container, Probe probe, String what) {
        if (probe == null || probe.getHttpGet() == null) {
            throw new AssertionError(container.getName() + " has no HTTP " + what + " probe");
        }
        IntOrString port = probe.getHttpGet().getPort();
        boolean management = MANAGEMENT.equals(port.getStrVal())
                || Integer.valueOf(containerPort(container, MANAGEMENT)).equals(port.getIntVal());
        if (!management) {
            throw new AssertionError(container.getName() + " " + what + " probe is not on the management port: " + port);
        }
        return probe.getHttpGet().getPath();
    }

    static String readinessPath(Container container) {
        return probePath(container, container.getReadinessProbe(), "readiness");
    }
}
