package dev.sluice.deploy;

import static dev.sluice.deploy.SluiceChart.FULLNAME;
import static dev.sluice.deploy.SluiceChart.SCALED_VALUES;
import static dev.sluice.deploy.SluiceChart.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmChartTest {

    private static final Map<String, Object> OPEN = Map.of("auth.allowAnonymous", true);

    @Nested
    class Lint {

        @Test
        void chartWithItsOwnValuesLintsClean() {
            // Helm's lint mode reports the chart's "no API keys" fail as INFO, so the
            // default values lint clean and rendering them still refuses (see below).
            assertClean(SluiceChart.lint());
        }

        @Test
        void scaledValuesLintClean(@TempDir Path tmp) {
            assertClean(SluiceChart.lintWith(SCALED_VALUES, tmp));
        }

        @Test
        void valuesOutsideTheSchemaFailLint(@TempDir Path tmp) {
            Path values = tmp.resolve("bad.yaml");
            SluiceChart.write(values, "store:\n  type: mongo\n");
            LintResult result = SluiceChart.lintWith(values, tmp);
            assertTrue(result.isFailed());
            assertTrue(result.getMessages().stream()
                            .anyMatch(m -> m.contains("'/store/type': value must be one of 'memory', 'redis'")),
                    () -> "expected a schema error on store.type, got " + result.getMessages());
        }

        private void assertClean(LintResult result) {
            assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
            assertTrue(result.getMessages().stream().noneMatch(m -> m.startsWith("[ERROR]") || m.startsWith("[WARNING]")),
                    () -> String.join("\n", result.getMessages()));
        }
    }

    @Nested
    class Defaults {

        private final SluiceWorkload workload = new SluiceWorkload(render(OPEN)).assertEssentials();

        @Test
        void renderOneReplicaWithMemoryStoreAndNothingOptional() {
            assertEquals(List.of("ConfigMap", "Deployment", "PodDisruptionBudget", "Service", "ServiceAccount"),
                    workload.objects.kinds());
            assertEquals(1, workload.deployment.at("spec", "replicas").integer());
            assertEquals("memory", workload.config.getProperty("sluice.store"));
            assertEquals("sluice:0.1.0", workload.container.at("image").string());
        }

        @Test
        void drainDefaultsToThirtySecondsWithAGracePeriodAboveIt() {
            assertEquals("30s", workload.config.getProperty("sluice.shutdown.drain-timeout"));
            assertEquals(5, workload.preStopSleepSeconds());
            assertEquals(50, workload.gracePeriodSeconds());
        }

        @Test
        void noSecretsAreReferencedWhenNoneAreConfigured() {
            assertEquals(List.of("QUARKUS_MANAGEMENT_PORT"),
                    workload.container.at("env").list().stream().map(e -> e.at("name").string()).toList());
            assertEquals("9000", workload.env("QUARKUS_MANAGEMENT_PORT").at("value").string());
            assertFalse(workload.config.containsKey("sluice.auth.keys-file"));
        }
    }

    @Nested
    class Refusals {

        @Test
        void noKeysAndNoAnonymousAccessRefusesToRender() {
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> render(Map.of()));
            assertTrue(error.getMessage().contains("Sluice has no API keys configured: set auth.existingSecret"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("auth.allowAnonymous=true"), error.getMessage());
        }

        @Test
        void redisWithoutHostsRefusesToRender() {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> render(Map.of("auth.allowAnonymous", true, "store.type", "redis")));
            assertTrue(error.getMessage().contains("store.type=redis needs store.redis.hosts"), error.getMessage());
        }

        @Test
        void gracePeriodNotAboveTheDrainRefusesToRender() {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> render(Map.of("auth.allowAnonymous", true, "drain.terminationGracePeriodSeconds", 40)));
            assertTrue(error.getMessage().contains("drain.terminationGracePeriodSeconds (40) must exceed "
                    + "drain.preStopSleepSeconds + drain.timeoutSeconds + 5 s of shutdown flush (40)"), error.getMessage());
            // One second above sleep + drain + flush renders.
            assertEquals(41, new SluiceWorkload(render(Map.of("auth.allowAnonymous", true,
                    "drain.terminationGracePeriodSeconds", 41))).gracePeriodSeconds());
        }

        @Test
        void bothDisruptionBoundsRefuseToRender() {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> render(Map.of("auth.allowAnonymous", true, "podDisruptionBudget.minAvailable", 1)));
            assertTrue(error.getMessage().contains("set only one of minAvailable and maxUnavailable"), error.getMessage());
        }
    }

    @Nested
    class Notes {

        @Test
        void openModeAndSharedNothingReplicasAreCalledOut() {
            String notes = SluiceChart.notes(null, Map.of("auth.allowAnonymous", true, "replicaCount", 2));
            assertTrue(notes.contains("WARNING: no API keys are configured (auth.allowAnonymous=true). Sluice runs OPEN"), notes);
            assertTrue(notes.contains("NOTE: store.type=memory with more than one replica"), notes);
            assertTrue(notes.contains("kubectl --namespace sluice port-forward svc/prod-sluice 8080:8080"), notes);
            assertTrue(notes.contains("Graceful drain: preStop sleep 5s, drain up to 30s, grace period 50s."), notes);
        }

        @Test
        void scaledReleaseHasNoWarnings() {
            String notes = SluiceChart.notes(SCALED_VALUES, Map.of());
            assertTrue(notes.contains("https://sluice.example.com/v1/models"), notes);
            assertTrue(notes.contains("the ServiceMonitor scrapes it through prod-sluice-metrics"), notes);
            assertFalse(notes.contains("WARNING"), notes);
            assertFalse(notes.contains("NOTE: store.type=memory"), notes);
        }
    }

    /** The small-footprint values of docs/operations.md, "Memory", as a user copies them. */
    @Nested
    class DocumentedLeanValues {

        @Test
        void renderAsTheMemoryPageSays(@TempDir Path tmp) throws java.io.IOException {
            String page = java.nio.file.Files.readString(Path.of("docs", "operations.md"));
            java.util.regex.Matcher yaml = java.util.regex.Pattern.compile("```yaml\\n(.*?)```",
                    java.util.regex.Pattern.DOTALL).matcher(page.substring(page.indexOf("## Memory")));
            assertTrue(yaml.find(), "the Memory section shows its values");
            Path values = tmp.resolve("lean.yaml");
            SluiceChart.write(values, yaml.group(1));
            SluiceWorkload lean = new SluiceWorkload(render(values, OPEN)).assertEssentials();
            assertTrue(lean.env("JAVA_OPTS_APPEND").at("value").string().contains("-Xmx64m -Xss512k -XX:-TieredCompilation"));
            assertEquals("1", lean.env("MALLOC_ARENA_MAX").at("value").string());
            assertEquals("false", lean.config.getProperty("sluice.providers.simulator.enabled"));
            assertEquals("false", lean.config.getProperty("sluice.sessions.preload-encoding"));
            assertEquals("16777216", lean.config.getProperty("sluice.journal.global-max-bytes"));
            assertEquals("320Mi", lean.container.at("resources", "limits", "memory").string());
            assertEquals("250m", lean.container.at("resources", "requests", "cpu").string(), "the chart's other defaults stay");
        }
    }

    @Nested
    class Keys {

        private final SluiceWorkload workload =
                new SluiceWorkload(render(Map.of("auth.existingSecret", "tenant-keys"))).assertEssentials();

        @Test
        void keysSecretIsMountedReadOnlyAndNamedInTheConfig() {
            Tree mount = workload.mountAt("/etc/sluice/auth");
            assertTrue(mount.at("readOnly").bool());
            Tree volume = workload.podSpec.at("volumes").named(mount.at("name").string());
            assertEquals("tenant-keys", volume.at("secret", "secretName").string());
            assertEquals("keys.yaml", volume.at("secret", "items").list().get(0).at("key").string());
            assertEquals("/etc/sluice/auth/keys.yaml", workload.config.getProperty("sluice.auth.keys-file"));
        }
    }

    @Nested
    class Scaled {

        private final SluiceWorkload workload = new SluiceWorkload(render(SCALED_VALUES, Map.of())).assertEssentials();

        @Test
        void rendersEveryOptionalObject() {
            assertEquals(List.of("ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Ingress",
                            "PodDisruptionBudget", "Service", "Service", "ServiceAccount", "ServiceMonitor"),
                    workload.objects.kinds());
        }

        @Test
        void autoscalerOwnsTheReplicaCount() {
            assertFalse(workload.deployment.at("spec").has("replicas"), "the HPA sets replicas, not the Deployment");
            Tree hpa = workload.objects.one("HorizontalPodAutoscaler").at("spec");
            assertEquals("Deployment", hpa.at("scaleTargetRef", "kind").string());
            assertEquals(FULLNAME, hpa.at("scaleTargetRef", "name").string());
            assertEquals(3, hpa.at("minReplicas").integer());
            assertEquals(12, hpa.at("maxReplicas").integer());
            List<Tree> metrics = hpa.at("metrics").list();
            assertEquals(2, metrics.size());
            assertEquals("cpu", metrics.get(0).at("resource", "name").string());
            assertEquals(60, metrics.get(0).at("resource", "target", "averageUtilization").integer());
            assertEquals("sluice_streams_active", metrics.get(1).at("pods", "metric", "name").string());
            assertEquals("150", metrics.get(1).at("pods", "target", "averageValue").string());
        }

        @Test
        void withoutAutoscalingTheDeploymentRunsThreeReplicas() {
            SluiceWorkload fixed = new SluiceWorkload(render(SCALED_VALUES, Map.of("autoscaling.enabled", false)));
            assertEquals(3, fixed.deployment.at("spec", "replicas").integer());
            assertTrue(fixed.objects.ofKind("HorizontalPodAutoscaler").isEmpty());
        }

        @Test
        void disruptionBudgetKeepsTwoPodsOfThisRelease() {
            Tree pdb = workload.objects.one("PodDisruptionBudget").at("spec");
            assertEquals(2, pdb.at("minAvailable").integer());
            assertFalse(pdb.has("maxUnavailable"));
            assertEquals(workload.deployment.at("spec", "selector", "matchLabels").map(),
                    pdb.at("selector", "matchLabels").map());
        }

        @Test
        void redisStoreWithPasswordFromASecret() {
            assertEquals("redis", workload.config.getProperty("sluice.store"));
            assertEquals("redis://redis-master.redis:6379", workload.config.getProperty("quarkus.redis.hosts"));
            assertEquals("${REDIS_PASSWORD}", workload.config.getProperty("quarkus.redis.password"));
            assertSecretRef("REDIS_PASSWORD", "sluice-redis", "redis-password");
        }

        @Test
        void providerKeysComeFromSecretsThroughTheEnvironment() {
            assertEquals("openai", workload.config.getProperty("sluice.providers.openai.type"));
            assertEquals("https://api.openai.com/v1", workload.config.getProperty("sluice.providers.openai.base-url"));
            assertEquals("${OPENAI_API_KEY}", workload.config.getProperty("sluice.providers.openai.api-key"));
            assertSecretRef("OPENAI_API_KEY", "sluice-provider-keys", "openai-api-key");
            assertEquals("${AZURE_EAST_API_KEY}", workload.config.getProperty("sluice.providers.azure-east.api-key"));
            assertEquals("2024-10-21", workload.config.getProperty("sluice.providers.azure-east.headers.api-version"));
            assertSecretRef("AZURE_EAST_API_KEY", "sluice-provider-keys", "azure-api-key");
            assertEquals("azure-gpt,sluice-sim", workload.config.getProperty("sluice.models.gpt.fallbacks"));
            // No environment variable carries a literal secret.
            for (Tree env : workload.container.at("env").list()) {
                if (!env.at("name").string().startsWith("QUARKUS_MANAGEMENT")) {
                    assertTrue(env.has("valueFrom"), env.path() + " must come from a Secret");
                }
            }
        }

        @Test
        void gracePeriodCoversTheLongerDrain() {
            assertEquals(45, workload.drainTimeoutSeconds());
            assertEquals(10, workload.preStopSleepSeconds());
            assertEquals(70, workload.gracePeriodSeconds());
        }

        @Test
        void ingressIsTunedForStreamingAndReachesOnlyTheApiPort() {
            Tree ingress = workload.objects.one("Ingress");
            assertEquals(Map.of(
                    "cert-manager.io/cluster-issuer", "letsencrypt",
                    "nginx.ingress.kubernetes.io/proxy-buffering", "off",
                    "nginx.ingress.kubernetes.io/proxy-request-buffering", "off",
                    "nginx.ingress.kubernetes.io/proxy-http-version", "1.1",
                    "nginx.ingress.kubernetes.io/proxy-read-timeout", "3600",
                    "nginx.ingress.kubernetes.io/proxy-send-timeout", "3600"),
                    ingress.at("metadata", "annotations").map());
            assertEquals("nginx", ingress.at("spec", "ingressClassName").string());
            Tree backend = ingress.at("spec", "rules").list().get(0).at("http", "paths").list().get(0)
                    .at("backend", "service");
            assertEquals(workload.publicService().at("metadata", "name").string(), backend.at("name").string());
            assertEquals(8080, backend.at("port", "number").integer());
            assertEquals("sluice-tls", ingress.at("spec", "tls").list().get(0).at("secretName").string());
        }

        @Test
        void userAnnotationsOverrideTheStreamingDefaults(@TempDir Path tmp) {
            Path values = tmp.resolve("annotations.yaml");
            SluiceChart.write(values, String.join("\n",
                    "ingress:",
                    "  annotations:",
                    "    nginx.ingress.kubernetes.io/proxy-read-timeout: \"86400\"",
                    ""));
            KubeObjects objects = SluiceChart.render(List.of(SCALED_VALUES, values), Map.of());
            Tree annotations = objects.one("Ingress").at("metadata", "annotations");
            assertEquals("86400", annotations.at("nginx.ingress.kubernetes.io/proxy-read-timeout").string());
            assertEquals("off", annotations.at("nginx.ingress.kubernetes.io/proxy-buffering").string());
        }

        @Test
        void serviceMonitorScrapesTheManagementPortThroughItsOwnService() {
            Tree monitor = workload.objects.one("ServiceMonitor");
            assertEquals("kube-prometheus-stack", monitor.at("metadata", "labels", "release").string());
            Tree endpoint = monitor.at("spec", "endpoints").list().get(0);
            assertEquals("management", endpoint.at("port").string());
            assertEquals("/q/metrics", endpoint.at("path").string());
            Tree metricsService = workload.objects.named("Service", FULLNAME + "-metrics");
            Map<String, Object> serviceLabels = metricsService.at("metadata", "labels").map();
            assertTrue(serviceLabels.entrySet().containsAll(monitor.at("spec", "selector", "matchLabels").map().entrySet()));
            Map<String, Object> publicLabels = workload.publicService().at("metadata", "labels").map();
            assertFalse(publicLabels.entrySet().containsAll(monitor.at("spec", "selector", "matchLabels").map().entrySet()),
                    "the ServiceMonitor must not pick the public Service");
            assertEquals("management", metricsService.at("spec", "ports").list().get(0).at("name").string());
        }

        @Test
        void sleepActionReplacesTheSleepCommand() {
            SluiceWorkload sleeping = new SluiceWorkload(render(SCALED_VALUES, Map.of("drain.useSleepAction", true)));
            Tree preStop = sleeping.container.at("lifecycle", "preStop");
            assertEquals(10, preStop.at("sleep", "seconds").integer());
            assertFalse(preStop.has("exec"));
        }

        private void assertSecretRef(String env, String secret, String key) {
            Tree ref = workload.env(env).at("valueFrom", "secretKeyRef");
            assertEquals(secret, ref.at("name").string(), env + " secret");
            assertEquals(key, ref.at("key").string(), env + " key");
        }
    }
}
