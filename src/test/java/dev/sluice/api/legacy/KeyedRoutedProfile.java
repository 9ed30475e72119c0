package dev.sluice.api.legacy;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@link RoutedUpstreamResource} without a catch-all provider, and two keys: {@link #ALL} may use
 * every model, {@link #PREFIXED} only names matching {@code oai/*} and {@code sluice-echo}.
 */
public class KeyedRoutedProfile implements QuarkusTestProfile {

    static final String ALL = "sk-all-models-PLANTED";
    static final String PREFIXED = "sk-oai-prefixed-PLANTED";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sluice.auth.keys.all.sha256", sha256(ALL),
                "sluice.auth.keys.all.tenant", "acme",
                "sluice.auth.keys.prefixed.sha256", sha256(PREFIXED),
                "sluice.auth.keys.prefixed.tenant", "acme",
                "sluice.auth.keys.prefixed.models", "oai/*,sluice-echo");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RoutedUpstreamResource.class, Map.of("catch-all", "false")));
    }

    static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
