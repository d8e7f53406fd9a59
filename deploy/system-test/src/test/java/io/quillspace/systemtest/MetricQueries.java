package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

/** The metrics operators rely on: every name a Grafana panel or an alert of {@code k8s/base/monitoring} queries. */
final class MetricQueries {

    /**
     * Queried, but exposed by neither service: {@code up} is Prometheus's own per scrape target, the {@code kafka_*}
     * series come from Strimzi's Kafka Exporter (k8s/kafka), the {@code kube_*} ones from kube-state-metrics and
     * {@code container_*} from the kubelet's cAdvisor. A live scrape of the services cannot show them.
     */
    static final Set<String> NOT_FROM_THE_SERVICES = Set.of("up", "kafka_consumergroup_lag",
            "kafka_consumergroup_current_offset", "kafka_topic_partition_current_offset",
            "kafka_topic_partition_oldest_offset", "kube_deployment_status_replicas_unavailable",
            "kube_deployment_status_condition", "kube_pod_init_container_status_restarts_total",
            "kube_pod_container_resource_limits", "container_memory_working_set_bytes");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$:.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");
    private static final Pattern GRAFANA_LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private MetricQueries() {
    }

    /** The metric names a PromQL expression selects (not its functions, labels, keywords or numbers). */
    static Set<String> metricNames(String promql) {
        String expression = STRING.matcher(promql).replaceAll(" ");
        expression = LABEL_MATCHERS.matcher(expression).replaceAll(" ");
        expression = RANGE.matcher(expression).replaceAll(" ");
        expression = LABEL_LIST.matcher(expression).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(expression);
        while (identifier.find()) {
            if (!KEYWORDS.contains(identifier.group(1))) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    /** The expressions of a Grafana dashboard: each panel's targets, and the metrics its variables list values of. */
    static List<String> dashboardExpressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if ("query".equals(variable.path("type").asText())) {
                Matcher labelValues = GRAFANA_LABEL_VALUES.matcher(variable.path("query").asText());
                if (labelValues.find()) {
                    expressions.add(labelValues.group(1));
                }
            }
        }
        return expressions;
    }

    /** The expressions of a PrometheusRule resource's alerting and recording rules. */
    static List<String> ruleExpressions(JsonNode prometheusRule) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode group : prometheusRule.at("/spec/groups")) {
            for (JsonNode rule : group.path("rules")) {
                expressions.add(rule.path("expr").asText());
            }
        }
        return expressions;
    }

    /** Every metric name the repository's dashboards and alerts query. */
    static Set<String> queriedByTheMonitoring() {
        ObjectMapper json = new ObjectMapper();
        List<String> expressions = new ArrayList<>();
        try (Stream<Path> dashboards = Files.list(Repository.MONITORING.resolve("dashboards"))) {
            for (Path dashboard : dashboards.filter(file -> file.toString().endsWith(".json")).toList()) {
                expressions.addAll(dashboardExpressions(json.readTree(dashboard.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Manifests.file(Repository.MONITORING.resolve("prometheus-rules.yaml")).named("PrometheusRule").values()
                .forEach(rule -> expressions.addAll(ruleExpressions(rule)));
        Set<String> names = new TreeSet<>();
        expressions.forEach(expression -> names.addAll(metricNames(expression)));
        return names;
    }

    /** Sample names of a Prometheus text exposition ({@code /q/metrics}). */
    static Set<String> exposed(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
