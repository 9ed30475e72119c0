package dev.sluice.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plain manifests in {@code kubernetes/}: valid objects, and the same essentials as the chart. */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("kubernetes");
    /** The API version each kind we ship must use (the current stable one). */
    private static final Map<String, String> API_VERSIONS = Map.of(
            "Deployment", "apps/v1",
            "Service", "v1",
            "ConfigMap", "v1",
            "ServiceAccount", "v1",
            "PodDisruptionBudget", "policy/v1");

    private static KubeObjects objects;
    private static SluiceWorkload workload;

    @BeforeAll
    static void parseEveryFile() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(DIR)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        }
        assertFalse(files.isEmpty(), "kubernetes/ holds manifests");
        KubeObjects parsed = null;
        for (Path file : files) {
            String yaml = Files.readString(file);
            KubeObjects single = KubeObjects.parse(yaml, file.toString());
            assertFalse(single.all().isEmpty(), file + " holds at least one object");
            parsed = parsed == null ? single : parsed.plus(yaml, file.toString());
        }
        objects = parsed;
        workload = new SluiceWorkload(objects);
    }

    @Test
    void everyObjectUsesTheStableApiOfItsKind() {
        assertEquals(List.of("ConfigMap", "Deployment", "PodDisruptionBudget", "Service", "ServiceAccount"),
                objects.kinds());
        for (Tree object : objects.all()) {
            String kind = object.at("kind").string();
            assertEquals(API_VERSIONS.get(kind), object.at("apiVersion").string(), object.path());
        }
    }

    @Test
    void deploymentHasTheEssentials() {
        workload.assertEssentials();
        assertEquals(2, workload.deployment.at("spec", "replicas").integer());
        assertEquals(30, workload.drainTimeoutSeconds());
        assertEquals(50, workload.gracePeriodSeconds());
        assertEquals("sluice", workload.podSpec.at("serviceAccountName").string());
        objects.named("ServiceAccount", "sluice");
    }

    @Test
    void secretsAreReferencedNeverShipped() {
        assertTrue(objects.ofKind("Secret").isEmpty(), "no Secret values in kubernetes/");
        Tree ref = workload.env("OPENAI_API_KEY").at("valueFrom", "secretKeyRef");
        assertEquals("sluice-provider-keys", ref.at("name").string());
        assertEquals("openai-api-key", ref.at("key").string());
        assertEquals("${OPENAI_API_KEY}", workload.config.getProperty("sluice.providers.openai.api-key"));
        Tree keys = workload.podSpec.at("volumes").named(workload.mountAt("/etc/sluice/auth").at("name").string());
        assertEquals("sluice-api-keys", keys.at("secret", "secretName").string());
        assertFalse(keys.at("secret").has("optional"), "without tenant keys the pods must not start");
        assertEquals("/etc/sluice/auth/keys.yaml", workload.config.getProperty("sluice.auth.keys-file"));
    }

    @Test
    void disruptionBudgetCoversTheDeploymentsPods() {
        Tree pdb = objects.one("PodDisruptionBudget").at("spec");
        assertEquals(1, pdb.at("maxUnavailable").integer());
        assertEquals(workload.deployment.at("spec", "selector", "matchLabels").map(),
                pdb.at("selector", "matchLabels").map());
    }
}
