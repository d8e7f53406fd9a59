package io.quillspace.systemtest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment Kubernetes gives one container: {@code envFrom} sources in order (a later one wins), then
 * {@code env} (which wins over all of them, and may refer to earlier variables as {@code $(NAME)}). ConfigMaps are the
 * rendered ones; Secrets are test values under the keys the manifests reference. A reference that would keep the pod
 * from starting (a missing ConfigMap, Secret or key that is not optional) fails, naming the container.
 */
final class PodEnvironment {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final Map<String, Map<String, String>> configMaps;
    private final Map<String, Map<String, String>> secrets;
    /** "Secret name/key" of every Secret value handed to a container: the test's values stand in for them. */
    private final Set<String> secretKeysUsed = new TreeSet<>();

    PodEnvironment(Map<String, Map<String, String>> configMaps, Map<String, Map<String, String>> secrets) {
        this.configMaps = configMaps;
        this.secrets = secrets;
    }

    /** The variables of {@code container}, named {@code what} in failures (overlay/deployment/container). */
    Map<String, String> of(String what, Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            String prefix = Optional.ofNullable(source.getPrefix()).orElse("");
            if (source.getConfigMapRef() != null) {
                source(what, "ConfigMap", configMaps, source.getConfigMapRef().getName(), source.getConfigMapRef().getOptional())
                        .forEach((key, value) -> environment.put(prefix + key, value));
            }
            if (source.getSecretRef() != null) {
                source(what, "Secret", secrets, source.getSecretRef().getName(), source.getSecretRef().getOptional())
                        .forEach((key, value) -> environment.put(prefix + key, value));
            }
        }
        for (EnvVar variable : container.getEnv()) {
            value(what, variable, environment).ifPresent(value -> environment.put(variable.getName(), value));
        }
        return environment;
    }

    Set<String> secretKeysUsed() {
        return secretKeysUsed;
    }

    private Optional<String> value(String what, EnvVar variable, Map<String, String> earlier) {
        if (variable.getValueFrom() == null) {
            Matcher reference = REFERENCE.matcher(Optional.ofNullable(variable.getValue()).orElse(""));
            return Optional.of(reference.replaceAll(found -> Matcher.quoteReplacement(
                    earlier.getOrDefault(found.group(1), found.group()))));
        }
        var from = variable.getValueFrom();
        if (from.getConfigMapKeyRef() != null) {
            var ref = from.getConfigMapKeyRef();
            return key(what, "ConfigMap", configMaps, ref.getName(), ref.getKey(), ref.getOptional(), variable.getName());
        }
        if (from.getSecretKeyRef() != null) {
            var ref = from.getSecretKeyRef();
            secretKeysUsed.add(ref.getName() + "/" + ref.getKey());
            return key(what, "Secret", secrets, ref.getName(), ref.getKey(), ref.getOptional(), variable.getName());
        }
        throw new AssertionError(what + ": " + variable.getName() + " comes from a source the rehearsal cannot give: " + from);
    }

    private static Map<String, String> source(String what, String kind, Map<String, Map<String, String>> sources,
                                              String name, Boolean optional) {
        Map<String, String> data = sources.get(name);
        if (data == null && !Boolean.TRUE.equals(optional)) {
            throw new AssertionError(what + ": envFrom " + kind + " " + name + " does not exist");
        }
        return data == null ? Map.of() : data;
    }

    private static Optional<String> key(String what, String kind, Map<String, Map<String, String>> sources, String name,
                                        String key, Boolean optional, String variable) {
        Optional<String> value = Optional.ofNullable(sources.get(name)).map(data -> data.get(key));
        if (value.isEmpty() && !Boolean.TRUE.equals(optional)) {
            throw new AssertionError(what + ": " + variable + " needs key " + key + " of " + kind + " " + name
                    + ", which " + (sources.containsKey(name) ? "lacks it" : "does not exist"));
        }
        return value;
    }
}
