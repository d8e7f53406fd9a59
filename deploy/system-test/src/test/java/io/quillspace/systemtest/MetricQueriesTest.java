package io.quillspace.systemtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricQueriesTest {

    @Test
    void functionsLabelsAndRangesAreNotMetrics() {
        assertEquals(Set.of("calendly_webhook_duration_seconds_bucket"), MetricQueries.metricNames(
                "histogram_quantile(0.99, sum by (le, outcome) (rate(calendly_webhook_duration_seconds_bucket{job=~\"$service\"}[5m])))"));
    }

    @Test
    void bothSidesOfABinaryOperationAreMetrics() {
        assertEquals(Set.of("http_server_requests_seconds_sum", "http_server_requests_seconds_count"), MetricQueries.metricNames(
                "sum by (job) (rate(http_server_requests_seconds_sum[5m])) / on(job) group_left(pod) "
                        + "sum by (job) (rate(http_server_requests_seconds_count[$__rate_interval]))"));
    }

    @Test
    void keywordsNumbersAndOffsetsAreNotMetrics() {
        assertEquals(Set.of("calendly_webhooks_total"), MetricQueries.metricNames(
                "sum(calendly_webhooks_total unless calendly_webhooks_total offset 5m) > bool 1e3 and 0.5 < inf"));
    }

    @Test
    void textInsideLabelValuesIsNotAMetric() {
        assertEquals(Set.of("kafka_topic_partition_current_offset"), MetricQueries.metricNames(
                "sum by (topic) (kafka_topic_partition_current_offset{topic=~\".+\\\\.dlq\", note=\"rate(other_metric)\"})"));
    }

    @Test
    void aFunctionNameIsNeverCutShortIntoAMetric() {
        assertEquals(Set.of("up"), MetricQueries.metricNames("absent(up{job=\"x\"}) or vector(0)"));
    }

    @Test
    void theExpositionNamesEverySampleOnce() {
        String exposition = """
                # HELP calendly_webhooks_total Deliveries
                # TYPE calendly_webhooks_total counter
                calendly_webhooks_total{event="invitee.created",outcome="accepted",tenant="studio"} 1.0
                email_jobs_pending 0.0
                calendly_webhook_duration_seconds_bucket{outcome="accepted",le="0.001"} 0
                """;
        assertEquals(Set.of("calendly_webhooks_total", "email_jobs_pending", "calendly_webhook_duration_seconds_bucket"),
                MetricQueries.exposed(exposition));
    }

    /** k8s/README.md lists every metric operators rely on: exactly those the dashboards and alerts query. */
    @Test
    void theReadmeListsEveryMetricTheDashboardsAndAlertsQuery() throws IOException {
        String readme = Files.readString(Repository.K8S.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Metrics operators rely on"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Set<String> listed = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_:]+)`").matcher(section);
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertEquals(MetricQueries.queriedByTheMonitoring(), listed);
    }

    @Test
    void dashboardVariablesCountAsQueries() throws IOException {
        var dashboard = new ObjectMapper().readTree("""
                {"panels": [{"targets": [{"expr": "rate(a_total[5m])"}]}],
                 "templating": {"list": [{"type": "query", "query": "label_values(up{job=~\\"x\\"}, job)"},
                                         {"type": "datasource", "query": "prometheus"}]}}
                """);
        assertEquals(List.of("rate(a_total[5m])", "up"), MetricQueries.dashboardExpressions(dashboard));
    }
}
