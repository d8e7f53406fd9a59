package io.quillspace.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code k8s/base} the local fleet starts its services from, read without kubectl (the launcher needs
 * only a JDK): the ConfigMap {@code quillspace-jvm} and each container's resource limits. The rehearsal in
 * deploy/system-test starts the rendered overlays and so proves these are what a pod gets.
 */
public final class BaseManifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path base;

    public BaseManifests(Path root) {
        this.base = root.resolve("k8s/base");
    }

    /** The data of ConfigMap {@code name} in {@code config.yaml}. */
    public Map<String, String> configMap(String name) {
        for (JsonNode document : documents(base.resolve("config.yaml"))) {
            if ("ConfigMap".equals(document.path("kind").asText()) && name.equals(document.at("/metadata/name").asText())) {
                Map<String, String> data = new LinkedHashMap<>();
                document.path("data").fields().forEachRemaining(entry -> data.put(entry.getKey(), entry.getValue().asText()));
                return data;
            }
        }
        throw new IllegalStateException("no ConfigMap " + name + " in " + base.resolve("config.yaml"));
    }

    /** The limits of the container named after {@code module} in the Deployment of {@code module}.yaml. */
    public RunJava.Limits limits(String module) {
        for (JsonNode document : documents(base.resolve(module + ".yaml"))) {
            if ("Deployment".equals(document.path("kind").asText())) {
                for (JsonNode container : document.at("/spec/template/spec/containers")) {
                    if (module.equals(container.path("name").asText())) {
                        return RunJava.Limits.of(container.at("/resources/limits/memory").asText(),
                                container.at("/resources/limits/cpu").asText());
                    }
                }
            }
        }
        throw new IllegalStateException("no container " + module + " in " + base.resolve(module + ".yaml"));
    }

    private static List<JsonNode> documents(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                if (document != null && document.isObject()) {
                    documents.add(document);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        return documents;
    }
}
