package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kubernetes YAML as the tests read it: a file's documents, or what {@code kubectl kustomize} renders from a
 * kustomization, and single resources as typed fabric8 model objects.
 */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<JsonNode> documents;

    private Manifests(List<JsonNode> documents) {
        this.documents = documents;
    }

    /** The documents of one YAML file. */
    static Manifests file(Path file) {
        try {
            return new Manifests(parse(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** What {@code kubectl kustomize directory} renders (kubectl's built-in kustomize, as an operator applies it). */
    static Manifests render(Path kustomization) {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                    .redirectErrorStream(false)
                    .start();
            byte[] stdout;
            try (InputStream out = kubectl.getInputStream()) {
                stdout = out.readAllBytes();
            }
            String stderr = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + kustomization + " failed: " + stderr);
            }
            return new Manifests(parse(new String(stdout, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AssertionError("kubectl (with its built-in kustomize) is needed to render " + kustomization, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<JsonNode> documents() {
        return documents;
    }

    /** Resources of one kind by name, in document order. */
    Map<String, JsonNode> named(String kind) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode document : documents) {
            if (kind.equals(document.path("kind").asText())) {
                found.put(document.at("/metadata/name").asText(), document);
            }
        }
        return found;
    }

    /** Resources of one kind as fabric8 model objects. */
    <T> List<T> typed(String kind, Class<T> type) {
        List<T> typed = new ArrayList<>();
        for (JsonNode resource : named(kind).values()) {
            try {
                typed.add(YAML.treeToValue(resource, type));
            } catch (IOException e) {
                throw new AssertionError(kind + " " + resource.at("/metadata/name").asText() + " is not a valid "
                        + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        return typed;
    }

    private static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            });
        }
        return documents;
    }
}
