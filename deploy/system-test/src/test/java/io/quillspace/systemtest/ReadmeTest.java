package io.quillspace.systemtest;

import io.quillspace.shared.events.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README and k8s/README.md tell what the code does: every metric, topic and HTTP endpoint they name in code
 * spans exists in the services' sources. A renamed metric, a dropped topic or a moved endpoint fails here, not in
 * front of a newcomer.
 */
class ReadmeTest {

    private static final List<Path> READMES = List.of(Repository.ROOT.resolve("README.md"), Repository.K8S.resolve("README.md"));
    private static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z-]*\\.v\\d+(?:\\.dlq)?");
    private static final Pattern METRIC = Pattern.compile(
            "(?:calendly|quillspace|email|kafka|http|jvm|process)_[a-z0-9_]+_(?:total|seconds|bytes|records|usage|up|pending|bucket|count|sum|max|offset|lag)");
    private static final Pattern ENDPOINT = Pattern.compile("(?:(GET|POST|PUT|DELETE|PATCH) )?(/[A-Za-z0-9_{}/\\[\\]?=&.-]*)");
    private static final Pattern CODE_PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    /** A top-level type's declaration line: a {@code @Path} before it is the type's own. */
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("(?m)^(?:public\\s+)?(?:(?:abstract|final|sealed)\\s+)*(?:class|interface|record)\\s");
    private static final Pattern ROUTE = Pattern.compile("router\\.(?:get|post|put|delete|route)\\(\"([^\"]+)\"\\)");
    /**
     * Series the code does not name because a library exports them: Quarkus's HTTP server and JVM binders, the Kafka
     * client's own metrics, Strimzi's Kafka Exporter, kube-state-metrics and the kubelet. FleetSystemIT scrapes the
     * services' ones; the others are outside this repository.
     */
    private static final List<String> LIBRARY_METRICS = List.of("http_server_", "jvm_", "process_", "kafka_producer_",
            "kafka_consumergroup_", "kafka_topic_", "kube_", "container_");

    @Test
    void everyTopicTheReadmesNameIsATopicOfTheCode() {
        Set<String> topics = new TreeSet<>();
        Topics.ALL.forEach(topic -> {
            topics.add(topic.name());
            topics.add(Topics.deadLetter(topic.name()));
        });
        List<String> unknown = new ArrayList<>();
        for (String span : spans()) {
            if (TOPIC.matcher(span).matches() && !topics.contains(span)) {
                unknown.add(span);
            }
        }
        assertEquals(List.of(), unknown, "topics named in a README that shared-model Topics does not have");
    }

    @Test
    void everyMetricTheReadmesNameIsRegisteredByTheCode() {
        String code = mainSources();
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (String span : spans()) {
            for (String name : span.split(",\\s*")) {
                if (!METRIC.matcher(name).matches() || LIBRARY_METRICS.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                checked++;
                if (meterNames(name).stream().noneMatch(meter -> code.contains("\"" + meter + "\""))) {
                    unknown.add(name);
                }
            }
        }
        assertTrue(checked > 10, "found only " + checked + " metrics in the READMEs: is the pattern still right?");
        assertEquals(List.of(), unknown, "metrics named in a README that no service registers");
    }

    @Test
    void everyEndpointTheReadmesNameIsServedByTheCode() {
        Set<String> served = servedPaths();
        Set<String> roots = new TreeSet<>();
        served.forEach(path -> roots.add(path.split("/")[1]));
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (String span : spans()) {
            Matcher endpoint = ENDPOINT.matcher(span);
            if (!endpoint.matches() || span.startsWith("/q/")) {
                continue;
            }
            for (String path : expandOptional(endpoint.group(2))) {
                String normalized = normalize(path);
                String[] segments = normalized.split("/");
                if (endpoint.group(1) == null && (segments.length < 2 || !roots.contains(segments[1]))) {
                    continue;
                }
                checked++;
                if (!served.contains(normalized)) {
                    unknown.add(span);
                }
            }
        }
        assertTrue(checked > 10, "found only " + checked + " endpoints in the READMEs: is the pattern still right?");
        assertEquals(List.of(), unknown, "endpoints named in a README that no resource or route serves " + served);
    }

    @Test
    void theEndpointCheckReadsOptionalPartsQueriesAndPathParameters() {
        assertEquals(List.of("/webhooks/calendly", "/webhooks/calendly/{tenant}"), expandOptional("/webhooks/calendly[/{tenant}]"));
        assertEquals("/email-jobs", normalize(expandOptional("/email-jobs[?booking=&status=]").get(0)));
        assertEquals("/calendly/{}/reconciliations", normalize("/calendly/{studio}/reconciliations"));
        assertEquals("/webhooks/calendly/{}", normalize("/webhooks/calendly/:tenant"));
        assertFalse(METRIC.matcher("email_jobs").matches(), "a table is not a metric");
        assertEquals(List.of("calendly.reconciliation.last.success.timestamp.seconds",
                        "calendly.reconciliation.last.success.timestamp"),
                meterNames("calendly_reconciliation_last_success_timestamp_seconds"));
        assertEquals(List.of("calendly.webhook.duration.seconds", "calendly.webhook.duration"),
                meterNames("calendly_webhook_duration_seconds_bucket"));
    }

    /** What the code may call the meter exported as {@code name}: Micrometer adds the unit and _total itself. */
    static List<String> meterNames(String name) {
        String base = name.replaceFirst("_(bucket|count|sum|max)$", "");
        String withoutUnit = base.replaceFirst("_(total|seconds|bytes)$", "");
        return Stream.of(base, withoutUnit).map(candidate -> candidate.replace('_', '.')).distinct().toList();
    }

    /** {@code /a[/b]} is {@code /a} and {@code /a/b}; a query is not part of the path. */
    static List<String> expandOptional(String path) {
        Matcher optional = Pattern.compile("\\[([^]]*)]").matcher(path);
        if (!optional.find()) {
            return List.of(path.replaceFirst("\\?.*", ""));
        }
        List<String> paths = new ArrayList<>();
        paths.addAll(expandOptional(path.substring(0, optional.start()) + path.substring(optional.end())));
        paths.addAll(expandOptional(path.substring(0, optional.start()) + optional.group(1) + path.substring(optional.end())));
        return paths.stream().map(p -> p.replaceFirst("\\?.*", "")).distinct().toList();
    }

    /** Path parameters by any name are one segment; no trailing slash. */
    static String normalize(String path) {
        String normalized = path.replaceAll("\\{[^}]*}", "{}").replaceAll("/:[A-Za-z]+", "/{}");
        return normalized.length() > 1 && normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    /**
     * Every JAX-RS path (class and method {@code @Path} joined) and Vert.x route of the code: what the services serve,
     * and the paths of Calendly's API that webhook-ingress's client calls.
     */
    private static Set<String> servedPaths() {
        Set<String> served = new TreeSet<>();
        for (Path source : sources()) {
            String text = read(source);
            Matcher type = TYPE_DECLARATION.matcher(text);
            int declaration = type.find() ? type.start() : -1;
            String root = "";
            List<String> methods = new ArrayList<>();
            Matcher path = CODE_PATH.matcher(text);
            while (path.find()) {
                if (path.start() < declaration && root.isEmpty()) {
                    root = path.group(1);
                } else {
                    methods.add(path.group(1));
                }
            }
            // Without a type-level path (a REST client of Calendly's API), each method's path stands alone.
            if (!root.isEmpty()) {
                served.add(normalize(root));
            }
            for (String method : methods) {
                served.add(normalize(root + (method.startsWith("/") ? method : "/" + method)));
            }
            Matcher route = ROUTE.matcher(text);
            while (route.find()) {
                served.add(normalize(route.group(1)));
            }
        }
        return served;
    }

    private static List<String> spans() {
        List<String> spans = new ArrayList<>();
        for (Path readme : READMES) {
            Matcher span = SPAN.matcher(read(readme));
            while (span.find()) {
                spans.add(span.group(1).strip());
            }
        }
        return spans;
    }

    private static String mainSources() {
        StringBuilder all = new StringBuilder();
        sources().forEach(source -> all.append(read(source)).append('\n'));
        return all.toString();
    }

    /** The Java sources of every module's main code (services, shared-model, deploy/infra). */
    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(Repository.ROOT)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/main/java/"))
                    .filter(file -> !file.toString().contains("/target/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
