package io.quillspace.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's image adds to its container's environment: the {@code ENV} lines of its
 * {@code src/main/docker/Dockerfile.jvm} (run-java.sh reads {@code JAVA_OPTS_APPEND} from there). A container's own
 * {@code env} overrides them, as in Kubernetes.
 */
public final class ContainerImage {

    private static final Pattern ENV = Pattern.compile("^ENV\\s+([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S*)\\s*$");

    private ContainerImage() {
    }

    /** The image's environment variables of {@code module}, in the order the Dockerfile sets them. */
    public static Map<String, String> environment(Path root, String module) {
        Path dockerfile = root.resolve(module).resolve("src/main/docker/Dockerfile.jvm");
        Map<String, String> environment = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dockerfile)) {
                Matcher env = ENV.matcher(line.strip());
                if (env.matches()) {
                    String value = env.group(2);
                    boolean quoted = value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"));
                    environment.put(env.group(1), quoted ? value.substring(1, value.length() - 1) : value);
                } else if (line.strip().startsWith("ENV ")) {
                    throw new IllegalStateException(dockerfile + ": only ENV KEY=value lines are understood: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return environment;
    }
}
