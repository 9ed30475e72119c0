package dev.sluice.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Sluice Deployment among a set of Kubernetes objects, with the ConfigMap and Services that
 * belong to it, and the essentials every way of deploying Sluice (chart or plain manifests) must
 * get right. Test classes add what is specific to their values.
 */
final class SluiceWorkload {

    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 9000;
    /** WORKDIR of both Dockerfiles; Quarkus reads config/application.properties below it. */
    static final String WORKING_DIR = "/deployments";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    final KubeObjects objects;
    final Tree deployment;
    final Tree podTemplate;
    final Tree podSpec;
    final Tree container;
    final Properties config;

    SluiceWorkload(KubeObjects objects) {
        this.objects = objects;
        this.deployment = objects.one("Deployment");
        this.podTemplate = deployment.at("spec", "template");
        this.podSpec = podTemplate.at("spec");
        List<Tree> containers = podSpec.at("containers").list();
        assertEquals(1, containers.size(), "Sluice runs as a single container per pod");
        this.container = containers.get(0);
        String configMapName = podSpec.at("volumes").named("config").at("configMap", "name").string();
        this.config = properties(objects.named("ConfigMap", configMapName)
                .at("data", "application.properties").string());
    }

    /** Asserts everything any Sluice deployment must satisfy, whatever its values. */
    SluiceWorkload assertEssentials() {
        assertPorts();
        assertProbesOnManagementPort();
        assertScrapeAnnotations();
        assertGracePeriodCoversDrain();
        assertHardened();
        assertConfigMounted();
        assertSelectorMatchesPods();
        assertServicesKeepManagementPrivate();
        return this;
    }

    private void assertPorts() {
        Tree ports = container.at("ports");
        assertEquals(HTTP_PORT, ports.named("http").at("containerPort").integer());
        assertEquals(MANAGEMENT_PORT, ports.named("management").at("containerPort").integer());
        assertEquals(2, ports.list().size(), "only the API and the management ports");
    }

    private void assertProbesOnManagementPort() {
        Map<String, String> probes = Map.of(
                "startupProbe", "/q/health/started",
                "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready");
        probes.forEach((probe, path) -> {
            Tree httpGet = container.at(probe, "httpGet");
            assertEquals(path, httpGet.at("path").string(), probe + " path");
            assertEquals(MANAGEMENT_PORT, containerPort(httpGet.at("port")), probe + " port");
        });
    }

    private void assertScrapeAnnotations() {
        Tree annotations = podTemplate.at("metadata", "annotations");
        assertEquals("true", annotations.at("prometheus.io/scrape").string());
        assertEquals(String.valueOf(MANAGEMENT_PORT), annotations.at("prometheus.io/port").string());
        assertEquals("/q/metrics", annotations.at("prometheus.io/path").string());
    }

    /**
     * What Sluice needs after the drain timeout, read from the image's defaults so the chart and
     * manifests cannot fall behind them: sluice.shutdown.flush-timeout + quarkus.shutdown.timeout.
     */
    static final int SHUTDOWN_FLUSH_SECONDS = shutdownFlushSeconds();

    private static int shutdownFlushSeconds() {
        java.util.Properties defaults = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(
                java.nio.file.Path.of("src", "main", "resources", "application.properties"))) {
            defaults.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int seconds = 0;
        for (String key : new String[] {"sluice.shutdown.flush-timeout", "quarkus.shutdown.timeout"}) {
            String value = defaults.getProperty(key);
            assertTrue(value != null && value.matches("\\d+s"), key + " must be set in whole seconds, got " + value);
            seconds += Integer.parseInt(value.substring(0, value.length() - 1));
        }
        return seconds;
    }

    private void assertGracePeriodCoversDrain() {
        int grace = gracePeriodSeconds();
        // After the drain timeout: up to 3 s flush (sluice.shutdown.flush-timeout) and 2 s of
        // Quarkus's graceful HTTP shutdown (quarkus.shutdown.timeout).
        int needed = preStopSleepSeconds() + drainTimeoutSeconds() + SHUTDOWN_FLUSH_SECONDS;
        assertTrue(grace > needed, "terminationGracePeriodSeconds " + grace
                + " must exceed preStop sleep + drain timeout + shutdown flush = " + needed);
    }

    private void assertHardened() {
        assertTrue(podSpec.at("securityContext", "runAsNonRoot").bool(), "runAsNonRoot");
        Tree security = container.at("securityContext");
        assertTrue(security.at("readOnlyRootFilesystem").bool(), "readOnlyRootFilesystem");
        assertEquals(false, security.at("allowPrivilegeEscalation").bool(), "allowPrivilegeEscalation");
        assertEquals(List.of("ALL"), security.at("capabilities", "drop").value());
        assertEquals(false, podSpec.at("automountServiceAccountToken").bool(), "no API token in the pod");
        // A read-only root needs a writable /tmp for Vert.x and the JVM.
        String tmpVolume = mountAt("/tmp").at("name").string();
        assertTrue(podSpec.at("volumes").named(tmpVolume).has("emptyDir"), "/tmp is an emptyDir");
        Tree resources = container.at("resources");
        resources.at("requests", "cpu").string();
        resources.at("requests", "memory").string();
        resources.at("limits", "memory").string();
    }

    private void assertConfigMounted() {
        Tree mount = mountAt(WORKING_DIR + "/config");
        assertEquals("config", mount.at("name").string());
        assertTrue(mount.at("readOnly").bool());
        assertTrue(config.containsKey("sluice.store"), "the ConfigMap names the store");
    }

    private void assertSelectorMatchesPods() {
        Map<String, Object> selector = deployment.at("spec", "selector", "matchLabels").map();
        Map<String, Object> labels = podTemplate.at("metadata", "labels").map();
        assertTrue(labels.entrySet().containsAll(selector.entrySet()),
                "pod labels " + labels + " must carry the selector " + selector);
    }

    private void assertServicesKeepManagementPrivate() {
        List<Tree> services = services();
        List<Tree> publicServices = services.stream().filter(s -> !isMetricsService(s)).toList();
        assertEquals(1, publicServices.size(), "exactly one public Service selects the pods");
        for (Tree service : services) {
            List<Tree> ports = service.at("spec", "ports").list();
            assertEquals(1, ports.size(), service.path() + " exposes one port");
            int target = containerPort(ports.get(0).at("targetPort"));
            int expected = isMetricsService(service) ? MANAGEMENT_PORT : HTTP_PORT;
            assertEquals(expected, target, service.path() + " target port");
        }
        assertEquals(HTTP_PORT, publicService().at("spec", "ports").list().get(0).at("port").integer());
    }

    /** Services whose selector picks the Sluice pods. */
    List<Tree> services() {
        Map<String, Object> labels = podTemplate.at("metadata", "labels").map();
        return objects.ofKind("Service").stream()
                .filter(s -> labels.entrySet().containsAll(s.at("spec", "selector").map().entrySet()))
                .toList();
    }

    Tree publicService() {
        return services().stream().filter(s -> !isMetricsService(s)).findFirst()
                .orElseGet(() -> fail("no public Service"));
    }

    private static boolean isMetricsService(Tree service) {
        Tree labels = service.at("metadata");
        return labels.has("labels") && "metrics".equals(labels.at("labels").map().get("app.kubernetes.io/component"));
    }

    int gracePeriodSeconds() {
        return podSpec.at("terminationGracePeriodSeconds").integer();
    }

    int preStopSleepSeconds() {
        Tree preStop = container.at("lifecycle", "preStop");
        if (preStop.has("sleep")) {
            return preStop.at("sleep", "seconds").integer();
        }
        List<Tree> command = preStop.at("exec", "command").list();
        assertEquals("sleep", command.get(0).string(), "preStop runs sleep");
        return Integer.parseInt(command.get(1).string());
    }

    int drainTimeoutSeconds() {
        String value = config.getProperty("sluice.shutdown.drain-timeout");
        if (value == null) {
            return fail("the ConfigMap does not set sluice.shutdown.drain-timeout");
        }
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            return fail("unreadable drain timeout: " + value);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> (int) Math.ceil(amount / 1000.0);
            case "m" -> (int) amount * 60;
            case "h" -> (int) amount * 3600;
            default -> (int) amount;
        };
    }

    /** The container's environment variable of that name. */
    Tree env(String name) {
        return container.at("env").named(name);
    }

    Tree mountAt(String path) {
        return container.at("volumeMounts").list().stream()
                .filter(m -> path.equals(m.at("mountPath").string()))
                .findFirst()
                .orElseGet(() -> fail("nothing is mounted at " + path));
    }

    /** Resolves a port given by number or by the container port's name. */
    int containerPort(Tree port) {
        if (port.value() instanceof Number n) {
            return n.intValue();
        }
        return container.at("ports").named(port.string()).at("containerPort").integer();
    }

    private static Properties properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
