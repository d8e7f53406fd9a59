package io.quillspace.systemtest;

import java.nio.file.Path;

/** Where the repository's files are: the build passes the root, a run from the IDE falls back to the module's. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("quillspace.root", "../..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");
    static final Path BASE = K8S.resolve("base");
    static final Path KAFKA = K8S.resolve("kafka");
    static final Path MONITORING = BASE.resolve("monitoring");
    /** Jobs operators run on demand ({@code kubectl create -f}): in no kustomization. */
    static final Path OPERATIONS = K8S.resolve("operations");

    private Repository() {
    }
}
