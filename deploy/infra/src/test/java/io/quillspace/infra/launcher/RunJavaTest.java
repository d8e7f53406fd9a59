package io.quillspace.infra.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunJavaTest {

    private static final RunJava.Limits POD = new RunJava.Limits(512L * 1024 * 1024, 2);

    @Test
    void theQuillspaceJvmConfigMapBecomesG1OnHalfThePodsMemoryWithTheImagesOtherDefaults() {
        Map<String, String> quillspaceJvm = Map.of(
                "GC_CONTAINER_OPTIONS", "-XX:+UseG1GC -XX:InitialRAMPercentage=50",
                "GC_MAX_HEAP_FREE_RATIO", "100",
                "JAVA_MAX_MEM_RATIO", "50",
                "JAVA_OPTS_APPEND", "-Dquarkus.http.host=0.0.0.0  -Djava.util.logging.manager=org.jboss.logmanager.LogManager");

        assertEquals(List.of("-XX:MaxRAM=536870912", "-XX:ActiveProcessorCount=2",
                        "-XX:MaxRAMPercentage=50.0", "-XX:+UseG1GC", "-XX:InitialRAMPercentage=50",
                        "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=100", "-XX:GCTimeRatio=4",
                        "-XX:AdaptiveSizePolicyWeight=90", "-XX:+ExitOnOutOfMemoryError",
                        "-Dquarkus.http.host=0.0.0.0", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"),
                RunJava.jvmOptions(quillspaceJvm, POD));
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
}
