package io.quillspace.infra.launcher;

import io.quillspace.infra.FleetService;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunJavaTest {

    private static final RunJava.Limits POD = new RunJava.Limits(512L * 1024 * 1024, 2);
    /** Surefire runs in deploy/infra. */
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    /** What ships: the image's variables, ConfigMap quillspace-jvm and each service's limits, read as the launcher reads them. */
    @Test
    void theShippedQuillspaceJvmConfigMapBecomesSerialGcOnAHeapFixedAtItsRatioOfEachServicesLimit() {
        BaseManifests manifests = new BaseManifests(ROOT);
        Map<String, String> jvm = manifests.configMap("quillspace-jvm");
        double ratio = Double.parseDouble(jvm.get("JAVA_MAX_MEM_RATIO"));
        for (FleetService service : FleetService.values()) {
            Map<String, String> image = ContainerImage.environment(ROOT, service.module());
            Map<String, String> container = new HashMap<>(image);
            container.putAll(jvm);
            RunJava.Limits limits = manifests.limits(service.module());
            String what = service.module() + " (" + limits.memoryBytes() / (1 << 20) + " MiB)";

            List<String> options = RunJava.jvmOptions(container, limits);

            assertEquals(List.of("-XX:MaxRAM=" + limits.memoryBytes(), "-XX:ActiveProcessorCount=" + limits.processors()),
                    options.subList(0, 2), what + " limits");
            assertEquals(ratio, percentage(options, "-XX:MaxRAMPercentage="), what + " maximum heap");
            assertEquals(ratio, percentage(options, "-XX:InitialRAMPercentage="), what + " initial heap = maximum heap");
            assertEquals("-XX:MaxHeapFreeRatio=100", option(options, "-XX:MaxHeapFreeRatio="), what + " heap never shrinks");
            assertEquals(List.of("-XX:+UseSerialGC"), options.stream().filter(option -> option.matches("-XX:\\+Use\\w+GC")).toList(),
                    what + " collector");
            List<String> appended = List.of(image.get("JAVA_OPTS_APPEND").strip().split("\\s+"));
            assertEquals(appended, options.subList(options.size() - appended.size(), options.size()), what + " JAVA_OPTS_APPEND last");
        }
    }

    @Test
    void withoutVariablesTheImageRunsParallelGcOnHalfTheMemory() {
        assertEquals(List.of("-XX:MaxRAM=536870912", "-XX:ActiveProcessorCount=2", "-XX:MaxRAMPercentage=50.0",
                        "-XX:+UseParallelGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:GCTimeRatio=4",
                        "-XX:AdaptiveSizePolicyWeight=90", "-XX:+ExitOnOutOfMemoryError"),
                RunJava.jvmOptions(Map.of(), POD));
    }

    @Test
    void ratiosAreRoundedToWholePercentsAndZeroLeavesTheMaximumToTheJvm() {
        List<String> options = RunJava.jvmOptions(Map.of("JAVA_MAX_MEM_RATIO", "0", "JAVA_INITIAL_MEM_RATIO", "12.6"), POD);

        assertEquals("-XX:InitialRAMPercentage=13.0", options.get(2));
        assertEquals(0, options.stream().filter(option -> option.startsWith("-XX:MaxRAMPercentage")).count());
    }

    @Test
    void theInitialMetaspaceIsClampedToTheMaximum() {
        List<String> options = RunJava.jvmOptions(Map.of("GC_METASPACE_SIZE", "200", "GC_MAX_METASPACE_SIZE", "128"), POD);

        assertEquals(List.of("-XX:MaxMetaspaceSize=128m", "-XX:MetaspaceSize=128m"),
                options.stream().filter(option -> option.contains("Metaspace")).toList());
    }

    @Test
    void javaOptsReplacesEverythingGeneratedButNotThePodsLimits() {
        assertEquals(List.of("-XX:MaxRAM=536870912", "-XX:ActiveProcessorCount=2", "-Xmx64m"),
                RunJava.jvmOptions(Map.of("JAVA_OPTS", "-Xmx64m", "JAVA_MAX_MEM_RATIO", "80",
                        "JAVA_OPTS_APPEND", "-Dignored=true"), POD));
    }

    @Test
    void theCommandRunsTheJarWithTheLaunchersSystemPropertiesAfterTheOptions() {
        List<String> command = RunJava.command(Path.of("/jdk/bin/java"), Map.of("JAVA_OPTS", "-Xss1m"), POD,
                List.of("-Dquarkus.http.port=8081"), Path.of("/deployments/quarkus-run.jar"));

        assertEquals(List.of("/jdk/bin/java", "-XX:MaxRAM=536870912", "-XX:ActiveProcessorCount=2", "-Xss1m",
                "-Dquarkus.http.port=8081", "-cp", ".", "-jar", "/deployments/quarkus-run.jar"), command);
    }

    @Test
    void kubernetesQuantitiesBecomeBytesAndWholeProcessorsRoundedUp() {
        assertEquals(new RunJava.Limits(512L * 1024 * 1024, 1), RunJava.Limits.of("512Mi", "500m"));
        assertEquals(new RunJava.Limits(1L << 30, 2), RunJava.Limits.of("1Gi", "2"));
        assertEquals(new RunJava.Limits(1000, 2), RunJava.Limits.of("1000", "1500m"));
    }

    @Test
    void diagnosticsAndDebugAreRefusedRatherThanGuessed() {
        assertThrows(IllegalArgumentException.class, () -> RunJava.jvmOptions(Map.of("JAVA_DEBUG", "true"), POD));
        assertThrows(IllegalArgumentException.class, () -> RunJava.jvmOptions(Map.of("JAVA_DIAGNOSTICS", "true"), POD));
    }

    private static String option(List<String> options, String prefix) {
        List<String> found = options.stream().filter(option -> option.startsWith(prefix)).toList();
        assertEquals(1, found.size(), prefix + " in " + options);
        return found.get(0);
    }

    private static double percentage(List<String> options, String prefix) {
        return Double.parseDouble(option(options, prefix).substring(prefix.length()));
    }
}
