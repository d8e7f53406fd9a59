package io.quillspace.infra.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code java} command line that the services' image ({@code ubi9/openjdk-17}, entrypoint
 * {@code /opt/jboss/container/java/run/run-java.sh}) runs for a container's environment: {@code JAVA_OPTS} replaces
 * everything generated; otherwise the memory ratios and {@code GC_*} variables (ConfigMap {@code quillspace-jvm})
 * become flags, then {@code JAVA_OPTS_APPEND}. Outside a container the JVM sees the host, not the pod's limits, so
 * the limits are passed as the flags the JVM would have derived them from ({@code MaxRAM}, {@code ActiveProcessorCount}).
 * The one place the launcher and the rehearsal of the manifests turn those variables into a JVM.
 */
public final class RunJava {

    /** A container's resource limits: what the JVM's container support would read from its cgroup. */
    public record Limits(long memoryBytes, int processors) {

        private static final Map<String, Long> BINARY = Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30);

        /**
         * From Kubernetes quantities ({@code 512Mi}, {@code 2} or {@code 500m}); a fractional CPU limit counts as
         * whole processors rounded up, as the JVM rounds a CFS quota.
         */
        public static Limits of(String memory, String cpu) {
            long bytes = BINARY.entrySet().stream().filter(unit -> memory.endsWith(unit.getKey())).findFirst()
                    .map(unit -> Long.parseLong(memory.substring(0, memory.length() - 2)) * unit.getValue())
                    .orElseGet(() -> Long.parseLong(memory));
            double cores = cpu.endsWith("m") ? Double.parseDouble(cpu.substring(0, cpu.length() - 1)) / 1000
                    : Double.parseDouble(cpu);
            return new Limits(bytes, (int) Math.ceil(cores));
        }
    }

    private RunJava() {
    }

    /** The whole command: java, its options, {@code -cp . -jar jar}, as run-java.sh execs it (a container's args follow). */
    public static List<String> command(Path java, Map<String, String> environment, Limits limits, Path jar) {
        return command(java, environment, limits, List.of(), jar);
    }

    /** As above, with {@code systemProperties} ({@code -Dkey=value}) after the options: the local fleet's settings. */
    public static List<String> command(Path java, Map<String, String> environment, Limits limits,
                                       List<String> systemProperties, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions(environment, limits));
        command.addAll(systemProperties);
        command.addAll(List.of("-cp", ".", "-jar", jar.toString()));
        return command;
    }

    /** The JVM options: the pod's limits, then what run-java.sh generates from {@code environment}. */
    public static List<String> jvmOptions(Map<String, String> environment, Limits limits) {
        List<String> options = new ArrayList<>(List.of(
                "-XX:MaxRAM=" + limits.memoryBytes(),
                "-XX:ActiveProcessorCount=" + limits.processors()));
        if (environment.containsKey("JAVA_OPTS")) {
            options.addAll(words(environment.get("JAVA_OPTS")));
            return options;
        }
        options.addAll(generated(environment));
        options.addAll(words(environment.get("JAVA_OPTS_APPEND")));
        return options;
    }

    /** java-default-options of the image: initial and maximum heap as percentages of the limit, GC, exit on OOM. */
    private static List<String> generated(Map<String, String> environment) {
        List<String> options = new ArrayList<>();
        String initialMemory = environment.get("JAVA_MAX_INITIAL_MEM");
        if (present(initialMemory)) {
            options.add("-Xms" + initialMemory);
        } else if (present(environment.get("JAVA_INITIAL_MEM_RATIO"))) {
            options.add("-XX:InitialRAMPercentage=" + percentage(environment.get("JAVA_INITIAL_MEM_RATIO")));
        }
        String maxRatio = environment.getOrDefault("JAVA_MAX_MEM_RATIO", "");
        if (!maxRatio.equals("0")) {
            options.add("-XX:MaxRAMPercentage=" + (maxRatio.isEmpty() ? "50.0" : percentage(maxRatio)));
        }
        options.addAll(words(environment.getOrDefault("GC_CONTAINER_OPTIONS", "-XX:+UseParallelGC")));
        options.add("-XX:MinHeapFreeRatio=" + environment.getOrDefault("GC_MIN_HEAP_FREE_RATIO", "10"));
        options.add("-XX:MaxHeapFreeRatio=" + environment.getOrDefault("GC_MAX_HEAP_FREE_RATIO", "20"));
        options.add("-XX:GCTimeRatio=" + environment.getOrDefault("GC_TIME_RATIO", "4"));
        options.add("-XX:AdaptiveSizePolicyWeight=" + environment.getOrDefault("GC_ADAPTIVE_SIZE_POLICY_WEIGHT", "90"));
        String maxMetaspace = environment.get("GC_MAX_METASPACE_SIZE");
        if (present(maxMetaspace)) {
            options.add("-XX:MaxMetaspaceSize=" + maxMetaspace + "m");
        }
        String metaspace = environment.get("GC_METASPACE_SIZE");
        if (present(metaspace)) {
            // The script clamps the initial metaspace to the maximum.
            long size = present(maxMetaspace) ? Math.min(Long.parseLong(metaspace), Long.parseLong(maxMetaspace))
                    : Long.parseLong(metaspace);
            options.add("-XX:MetaspaceSize=" + size + "m");
        }
        for (String untranslated : List.of("JAVA_DIAGNOSTICS", "JAVA_DEBUG")) {
            // Their flags come from the JDK module's own scripts: better refused than guessed.
            if (present(environment.get(untranslated))) {
                throw new IllegalArgumentException(untranslated + " is not translated; run the image to use it");
            }
        }
        options.add("-XX:+ExitOnOutOfMemoryError");
        return options;
    }

    /** {@code printf "%.0f.0"}: the script keeps the whole number, rounded. */
    private static String percentage(String ratio) {
        return String.format(Locale.ROOT, "%.0f.0", Double.parseDouble(ratio));
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    /** The script passes the variables unquoted: the shell splits them on whitespace. */
    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+"));
    }
}
