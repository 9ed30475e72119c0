package dev.sluice.api.anthropic;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** Sluice with two API keys: {@link #KEY}, and {@link #LIMITED} at one request per rate window. */
public class AnthropicKeyedProfile implements QuarkusTestProfile {

    static final String KEY = "sk-ant-test-PLANTED-41d2";
    static final String LIMITED = "sk-ant-limited-PLANTED-9c07";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sluice.auth.keys.ant.sha256", sha256(KEY),
                "sluice.auth.keys.ant.tenant", "ant",
                "sluice.auth.keys.ant-limited.sha256", sha256(LIMITED),
                "sluice.auth.keys.ant-limited.tenant", "ant",
                "sluice.auth.keys.ant-limited.rate.requests-per-minute", "1",
                "sluice.auth.rate-window", "60s");
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
