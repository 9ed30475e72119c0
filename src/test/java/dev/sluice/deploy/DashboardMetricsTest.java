package dev.sluice.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testing.DashboardQueries;
import dev.sluice.testing.PromQlMetricNames;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard and the PrometheusRule query is one Sluice publishes: after
 * a stream that succeeds, one that masks and one that fails, each name in their PromQL is a
 * sample name in the {@code /q/metrics} scrape (histogram panels need {@code _bucket} series).
 * A renamed meter, or a panel with a typo, fails here rather than as an empty panel.
 */
@QuarkusTest
class DashboardMetricsTest {

    /** Names the queries use that no Sluice replica publishes, and who does. */
    private static final Map<String, String> NOT_FROM_SLUICE = Map.of(
            "up", "Prometheus's own series per scrape target (alert SluiceReplicaDown)",
            "kube_pod_status_ready", "kube-state-metrics (alert SluiceReplicaNotReady)");

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsInTheScrape() {
        produceEveryKindOfMeasurement();
        Set<String> scraped = sampleNames(given().get(base.resolve("/q/metrics")).then().statusCode(200)
                .extract().asString());
        Map<String, Set<String>> wanted = metricsByQuery();

        Map<String, Set<String>> missing = new TreeMap<>();
        wanted.forEach((where, names) -> names.stream()
                .filter(name -> !scraped.contains(name) && !NOT_FROM_SLUICE.containsKey(name)
                        && !DashboardQueries.REDIS_STORE_ONLY.containsKey(name))
                .forEach(name -> missing.computeIfAbsent(name, n -> new TreeSet<>()).add(where)));
        assertEquals(Map.of(), missing, "metrics queried but not published (name -> queries)");

        // The exceptions are used, and really are absent here: none hides a metric Sluice publishes.
        Set<String> all = wanted.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        for (Map<String, String> exceptions : List.of(NOT_FROM_SLUICE, DashboardQueries.REDIS_STORE_ONLY)) {
            for (String name : exceptions.keySet()) {
                assertTrue(all.contains(name), name + " is listed as an exception but no query uses it");
                assertFalse(scraped.contains(name), name + " is listed as an exception but Sluice publishes it here");
            }
        }
    }

    /** Metric names by query: the dashboard's panels and variables, and the alerts with every rule on. */
    private static Map<String, Set<String>> metricsByQuery() {
        Map<String, String> queries = new LinkedHashMap<>(DashboardQueries.all());
        Tree rule = SluiceChart.render(SluiceChart.SCALED_VALUES, Map.of("alerts.enabled", true,
                "alerts.replicaNotReady.enabled", true)).one("PrometheusRule");
        AlertRules.byName(rule).forEach((name, alert) -> queries.put("alert " + name, alert.at("expr").string()));
        assertTrue(queries.size() > 30, "the dashboard and the rules were read: " + queries.keySet());
        Map<String, Set<String>> names = new LinkedHashMap<>();
        queries.forEach((where, query) -> {
            Set<String> found = PromQlMetricNames.of(query);
            assertFalse(found.isEmpty(), where + " names no metric: " + query);
            names.put(where, found);
        });
        return names;
    }

    /**
     * Streams that leave every meter behind: a delivered one (latency, tokens, outcomes, upstream
     * first token), a masked one (redactions) and a failing one (upstream errors and retries).
     */
    private void produceEveryKindOfMeasurement() {
        chat("""
                {"model":"sluice-sim","stream":true,"messages":[{"role":"user","content":"hi"}],
                 "sluice":{"ttft_ms":0,"gap_ms":0,"tokens":5}}""");
        chat("""
                {"model":"sluice-echo","stream":true,"masking":"standard",
                 "messages":[{"role":"user","content":"mail jane@example.com now"}],"sluice":{"ttft_ms":0,"gap_ms":0}}""");
        String failed = chat("""
                {"model":"sluice-sim","stream":true,"messages":[{"role":"user","content":"hi"}],
                 "sluice":{"fail":"server_error"}}""");
        assertTrue(failed.contains("upstream_error"), failed);
        // jvm_gc_pause_seconds is registered at the first collection; a replica that has run a while
        // has had many, a fresh test JVM with a large heap may have had none.
        System.gc();
    }

    private String chat(String body) {
        return given().contentType("application/json").body(body).post(base.resolve("/v1/chat/completions"))
                .then().extract().asString();
    }

    /** The sample names of a Prometheus text scrape: each line's name before its labels or value. */
    static Set<String> sampleNames(String scrape) {
        Set<String> names = new HashSet<>();
        for (String line : scrape.split("\n")) {
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
