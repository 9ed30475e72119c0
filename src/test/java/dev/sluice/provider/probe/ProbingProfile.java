package dev.sluice.provider.probe;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Three providers on one local {@link ModelsEndpointServer}: {@code alpha} (openai) and {@code
 * beta} (anthropic) probe every 100 ms; {@code quiet} (openai) leaves probing off.
 */
public class ProbingProfile implements QuarkusTestProfile {

    static volatile ModelsEndpointServer server;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Upstream.class));
    }

    public static class Upstream implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                server = new ModelsEndpointServer();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            String base = server.baseUrl();
            return Map.ofEntries(
                    Map.entry("sluice.providers.alpha.type", "openai"),
                    Map.entry("sluice.providers.alpha.base-url", base + "/alpha/v1"),
                    Map.entry("sluice.providers.alpha.api-key", "key-alpha"),
                    Map.entry("sluice.providers.alpha.probe.enabled", "true"),
                    Map.entry("sluice.providers.alpha.probe.interval", "100ms"),
                    Map.entry("sluice.providers.beta.type", "anthropic"),
                    Map.entry("sluice.providers.beta.base-url", base + "/beta"),
                    Map.entry("sluice.providers.beta.api-key", "key-beta"),
                    Map.entry("sluice.providers.beta.probe.enabled", "true"),
                    Map.entry("sluice.providers.beta.probe.interval", "100ms"),
                    Map.entry("sluice.providers.quiet.type", "openai"),
                    Map.entry("sluice.providers.quiet.base-url", base + "/quiet/v1"),
                    Map.entry("sluice.providers.quiet.api-key", "key-quiet"));
        }

        @Override
        public void stop() {
            server.close();
        }
    }
}
