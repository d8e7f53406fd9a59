package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.quillspace.systemtest.Repository.MONITORING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PrometheusRule's rules through Prometheus's own tooling: {@code promtool check rules} (syntax, templates) and
 * {@code promtool test rules} on prometheus-rules.test.yaml, where every alert fires once and stays quiet once; and
 * the dashboards' queries through the same parser.
 * promtool comes with Debian's prometheus package, which .ci/run installs.
 */
class MonitoringRulesTest {

    private static final Path RULES = MONITORING.resolve("prometheus-rules.yaml");
    private static final Path TESTS = MONITORING.resolve("prometheus-rules.test.yaml");
    /** Where an alert's page links: absolute, so it opens from Alertmanager, Slack or a pager alike. */
    static final String RUNBOOKS = "https://github.com/quillspace/quillspace/blob/main/k8s/README.md#";
    private static final Pattern GROUPING = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

    @Test
    void promtoolAcceptsTheRules(@TempDir Path directory) throws Exception {
        Path rules = writeRules(directory);
        assertPromtool(directory, "check", "rules", rules.toString());
    }

    /**
     * Grafana shows a broken query as an empty panel, silently: promtool parses each panel's PromQL as a recording
     * rule, with Grafana's variables replaced by what they expand to.
     */
    @Test
    void promtoolParsesEveryDashboardQuery(@TempDir Path directory) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode file = json.createObjectNode();
        ArrayNode rules = file.putArray("groups").addObject().put("name", "dashboards").putArray("rules");
        try (Stream<Path> dashboards = Files.list(MONITORING.resolve("dashboards"))) {
            for (Path dashboard : dashboards.sorted().toList()) {
                for (String expression : MetricQueries.dashboardExpressions(json.readTree(dashboard.toFile()))) {
                    rules.addObject()
                            .put("record", "dashboard:query_" + rules.size())
                            .put("expr", expression.replace("$service", ".*").replace("$__rate_interval", "5m"));
                }
            }
        }
        assertTrue(rules.size() > 0, "no dashboard queries found");
        Path queries = directory.resolve("dashboard-queries.yaml");
        Manifests.YAML.writeValue(queries.toFile(), file);
        assertPromtool(directory, "check", "rules", queries.toString());
    }

    @Test
    void everyAlertFiresInOneTestAndStaysQuietInAnother() {
        JsonNode tests = Manifests.file(TESTS).documents().get(0);
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : tests.get("tests")) {
            for (JsonNode alertTest : test.path("alert_rule_test")) {
                String alert = alertTest.get("alertname").asText();
                (alertTest.path("exp_alerts").isEmpty() ? quiet : firing).add(alert);
            }
        }
        Set<String> alerts = alertNames();
        assertEquals(alerts, firing, "alerts with a test where they fire");
        assertEquals(alerts, quiet, "alerts with a test where they stay quiet");
    }

    @Test
    void promtoolUnitTestsPass(@TempDir Path directory) throws Exception {
        writeRules(directory);
        Path tests = directory.resolve("tests.yaml");
        Files.copy(TESTS, tests);
        assertPromtool(directory, "test", "rules", tests.toString());
    }

    /** The absolute runbook_url of every alert points at a section of k8s/README.md. */
    @Test
    void everyAlertHasARunbookSection() throws IOException {
        String readme = Files.readString(Repository.K8S.resolve("README.md"));
        Set<String> anchors = new TreeSet<>();
        readme.lines().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").strip().toLowerCase()
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .forEach(anchors::add);
        for (JsonNode rule : rules()) {
            if (!rule.has("alert")) {
                continue;
            }
            String runbook = rule.at("/annotations/runbook_url").asText();
            String alert = rule.get("alert").asText();
            assertEquals(RUNBOOKS + alert.toLowerCase(), runbook, alert + " runbook_url");
            assertTrue(anchors.contains(alert.toLowerCase()), "k8s/README.md has no section " + alert);
        }
    }

    /** One rule file serves every namespace the fleet runs in: an aggregation that drops the label hides which. */
    @Test
    void everyAggregationOfAnAlertKeepsTheNamespace() {
        for (JsonNode rule : rules()) {
            Matcher grouping = GROUPING.matcher(rule.path("expr").asText());
            while (grouping.find()) {
                assertTrue(List.of(grouping.group(1).strip().split("\\s*,\\s*")).contains("namespace"),
                        rule.path("alert").asText() + " aggregates by (" + grouping.group(1) + ")");
            }
        }
    }

    private static Set<String> alertNames() {
        Set<String> names = new TreeSet<>();
        rules().forEach(rule -> {
            if (rule.has("alert")) {
                names.add(rule.get("alert").asText());
            }
        });
        return names;
    }

    private static List<JsonNode> rules() {
        JsonNode resource = Manifests.file(RULES).named("PrometheusRule").values().iterator().next();
        List<JsonNode> rules = new ArrayList<>();
        resource.at("/spec/groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    /** The resource's spec is a Prometheus rule file ({@code groups:}); promtool reads it as rules.yaml. */
    private static Path writeRules(Path directory) throws IOException {
        JsonNode resource = Manifests.file(RULES).named("PrometheusRule").values().iterator().next();
        Path rules = directory.resolve("rules.yaml");
        Manifests.YAML.writeValue(rules.toFile(), resource.get("spec"));
        return rules;
    }

    private static void assertPromtool(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process promtool;
        try {
            promtool = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed: it comes with Debian's prometheus package "
                    + "(apt-get install --no-install-recommends prometheus), which .ci/run installs", e);
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, promtool.exitValue(), String.join(" ", command) + ":\n" + output);
    }
}
