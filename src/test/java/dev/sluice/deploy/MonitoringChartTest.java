package dev.sluice.deploy;

import static dev.sluice.deploy.SluiceChart.SCALED_VALUES;
import static dev.sluice.deploy.SluiceChart.render;
import static dev.sluice.testing.DashboardQueries.DASHBOARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's Grafana dashboard ConfigMap and PrometheusRule: off by default, and what they carry when on. */
class MonitoringChartTest {

    private static final Map<String, Object> OPEN = Map.of("auth.allowAnonymous", true);
    private static final String DASHBOARDS = SluiceChart.FULLNAME + "-dashboards";

    @Test
    void neitherIsRenderedByDefault() {
        KubeObjects objects = render(SCALED_VALUES, Map.of());
        assertFalse(objects.ofKind("ConfigMap").stream()
                .anyMatch(c -> DASHBOARDS.equals(c.at("metadata", "name").string())));
        assertTrue(objects.ofKind("PrometheusRule").isEmpty());
    }

    @Test
    void bothLintCleanWhenEnabled(@TempDir Path tmp) {
        Path values = tmp.resolve("monitoring.yaml");
        SluiceChart.write(values, String.join("\n",
                "auth:", "  allowAnonymous: true",
                "metrics:", "  serviceMonitor:", "    enabled: true",
                "dashboards:", "  enabled: true", "  annotations:", "    grafana_folder: Sluice",
                "alerts:", "  enabled: true", "  labels:", "    release: kube-prometheus-stack", ""));
        LintResult result = SluiceChart.lintWith(values, tmp);
        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
        assertTrue(result.getMessages().stream().noneMatch(m -> m.startsWith("[ERROR]") || m.startsWith("[WARNING]")),
                () -> String.join("\n", result.getMessages()));
    }

    @Nested
    class Dashboard {

        @Test
        void configMapCarriesTheSidecarLabelAndTheFileAsItIs() throws IOException {
            Tree configMap = render(Map.of("auth.allowAnonymous", true, "dashboards.enabled", true))
                    .named("ConfigMap", DASHBOARDS);
            assertEquals("1", configMap.at("metadata", "labels", "grafana_dashboard").string());
            assertEquals("sluice", configMap.at("metadata", "namespace").string(), "the release's namespace");
            assertFalse(configMap.at("metadata").has("annotations"));
            String json = configMap.at("data", "sluice.json").string();
            String file = Files.readString(DASHBOARD);
            assertEquals(file.strip(), json.strip(), "the file, not a re-rendering of it");
            ObjectMapper mapper = new ObjectMapper();
            assertEquals(mapper.readTree(file), mapper.readTree(json));
        }

        @Test
        void labelNamespaceAndAnnotationsAreConfigurable() {
            Tree metadata = render(Map.of("auth.allowAnonymous", true, "dashboards.enabled", true,
                    "dashboards.label", "team-dashboards", "dashboards.labelValue", "sluice",
                    "dashboards.namespace", "monitoring", "dashboards.annotations.grafana_folder", "Gateways"))
                    .named("ConfigMap", DASHBOARDS).at("metadata");
            assertEquals("sluice", metadata.at("labels", "team-dashboards").string());
            assertFalse(metadata.at("labels").has("grafana_dashboard"));
            assertEquals("monitoring", metadata.at("namespace").string());
            assertEquals(Map.of("grafana_folder", "Gateways"), metadata.at("annotations").map());
        }

        @Test
        void everyQueryAsksForTheDatasourceVariable() throws IOException {
            JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
            List<String> variables = dashboard.path("templating").path("list").findValuesAsText("name");
            assertEquals(List.of("datasource", "job", "provider", "model"), variables);
            JsonNode datasource = dashboard.path("templating").path("list").get(0);
            assertEquals("datasource", datasource.path("type").asText());
            assertEquals("prometheus", datasource.path("query").asText());
            int targets = 0;
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    assertEquals("${datasource}", target.path("datasource").path("uid").asText(),
                            panel.path("title").asText());
                    targets++;
                }
            }
            assertTrue(targets > 20, "panels have queries: " + targets);
        }
    }

    @Nested
    class Alerts {

        @Test
        void rulesSelectTheServiceMonitorsJobWithTheThresholdsOfTheValues() {
            Tree rule = render(SCALED_VALUES, Map.of("alerts.enabled", true, "alerts.ttftP99.thresholdSeconds", 3,
                    "alerts.labels.release", "kube-prometheus-stack")).one("PrometheusRule");
            assertEquals("monitoring.coreos.com/v1", rule.at("apiVersion").string());
            assertEquals("kube-prometheus-stack", rule.at("metadata", "labels", "release").string());
            Map<String, Tree> rules = AlertRules.byName(rule);
            assertEquals(List.of("SluiceStreamErrorRatioHigh", "SluiceTtftP99High", "SluiceReplicaDown",
                    "SluiceReplicaNotReady"), List.copyOf(rules.keySet()));
            String selector = "job=\"prod-sluice-metrics\",namespace=\"sluice\"";
            for (String name : List.of("SluiceStreamErrorRatioHigh", "SluiceTtftP99High", "SluiceReplicaDown")) {
                assertTrue(rules.get(name).at("expr").string().contains(selector), name);
            }
            assertTrue(rules.get("SluiceStreamErrorRatioHigh").at("expr").string().strip().endsWith("> 0.05"));
            assertTrue(rules.get("SluiceTtftP99High").at("expr").string().strip().endsWith("> 3"));
            assertEquals("10m", rules.get("SluiceTtftP99High").at("for").string());
            assertEquals("critical", rules.get("SluiceReplicaDown").at("labels", "severity").string());
            assertTrue(rules.get("SluiceReplicaNotReady").at("expr").string()
                    .contains("pod=~\"prod-sluice-[a-z0-9]+-[a-z0-9]+\""));
            assertTrue(rules.get("SluiceTtftP99High").at("annotations", "description").string()
                    .startsWith("Time to first token p99 for model {{ $labels.model }} is {{ $value | humanizeDuration }}"),
                    "Prometheus's templates pass through Helm's");
        }

        @Test
        void withoutTheServiceMonitorTheyNeedTheJobNamed() {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> render(Map.of("auth.allowAnonymous", true, "alerts.enabled", true)));
            assertTrue(error.getMessage().contains("alerts.enabled needs metrics.serviceMonitor.enabled=true"),
                    error.getMessage());
            Tree rule = render(Map.of("auth.allowAnonymous", true, "alerts.enabled", true,
                    "alerts.job", "kubernetes-pods")).one("PrometheusRule");
            assertTrue(AlertRules.byName(rule).get("SluiceReplicaDown").at("expr").string()
                    .contains("up{job=\"kubernetes-pods\",namespace=\"sluice\"} == 0"));
        }

        @Test
        void theReadinessRuleCanBeLeftOutWithoutKubeStateMetrics() {
            Tree rule = render(SCALED_VALUES, Map.of("alerts.enabled", true, "alerts.replicaNotReady.enabled", false))
                    .one("PrometheusRule");
            assertFalse(AlertRules.byName(rule).containsKey("SluiceReplicaNotReady"));
            assertEquals(3, AlertRules.byName(rule).size());
        }

        @Test
        void additionalLabelsReachEveryAlert() {
            Tree rule = render(SCALED_VALUES, Map.of("alerts.enabled", true, "alerts.additionalLabels.team", "gateway"))
                    .one("PrometheusRule");
            AlertRules.byName(rule).forEach((name, alert) ->
                    assertEquals("gateway", alert.at("labels", "team").string(), name));
        }
    }
}
