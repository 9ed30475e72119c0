package dev.sluice.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Sluice with API keys: two tenants (acme: alpha, globex: bravo), one key per rate limit, a
 * capped key, one key from a key file; small limits and a 4 s rate window so tests stay quick.
 */
public class KeyedProfile implements QuarkusTestProfile {

    static final long RATE_WINDOW_SECONDS = 4;
    static final int MAX_MESSAGE_CHARS = 2000;
    static final int MAX_BODY_BYTES = 65536;
    static final int MAX_WS_MESSAGE = 32768;
    static final String ALLOWED_ORIGIN = "https://app.example.com";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        key(config, "alpha", TestKeys.ALPHA, "acme");
        key(config, "bravo", TestKeys.BRAVO, "globex");
        key(config, "requests", TestKeys.LIMITED_REQUESTS, "limits");
        config.put("sluice.auth.keys.requests.rate.requests-per-minute", "2");
        key(config, "tokens", TestKeys.LIMITED_TOKENS, "limits");
        config.put("sluice.auth.keys.tokens.rate.tokens-per-minute", "5");
        key(config, "streams", TestKeys.LIMITED_STREAMS, "limits");
        config.put("sluice.auth.keys.streams.rate.concurrent-streams", "1");
        key(config, "capped", TestKeys.CAPPED, "capped");
        config.put("sluice.auth.keys.capped.max-tokens", "8");
        config.put("sluice.auth.keys.capped.models", "sluice-echo,test-script");
        config.put("sluice.auth.keys.capped.masking", "standard");
        config.put("sluice.auth.keys-file", keyFile().toString());
        config.put("sluice.auth.rate-window", RATE_WINDOW_SECONDS + "s");
        config.put("sluice.limits.max-message-chars", Integer.toString(MAX_MESSAGE_CHARS));
        config.put("sluice.limits.max-messages", "50");
        config.put("sluice.limits.max-body-bytes", Integer.toString(MAX_BODY_BYTES));
        config.put("sluice.limits.max-streams-per-connection", "2");
        config.put("quarkus.http.limits.max-header-size", "4K");
        config.put("quarkus.websockets-next.server.max-message-size", Integer.toString(MAX_WS_MESSAGE));
        // Short, so the slow-client test waits little; WebSocket pings keep open connections busy.
        config.put("quarkus.http.idle-timeout", "6s");
        config.put("quarkus.websockets-next.server.auto-ping-interval", "2s");
        config.put("quarkus.http.cors.enabled", "true");
        config.put("quarkus.http.cors.origins", ALLOWED_ORIGIN);
        return config;
    }

    private static void key(Map<String, String> config, String id, String key, String tenant) {
        config.put("sluice.auth.keys." + id + ".sha256", TestKeys.sha256(key));
        config.put("sluice.auth.keys." + id + ".tenant", tenant);
    }

    /** The format the Helm chart mounts as keys.yaml: flat "<key-id>.<setting>: <value>" lines. */
    private static Path keyFile() {
        try {
            Path file = Files.createTempFile("sluice-keys", ".yaml");
            Files.writeString(file, """
                    # tenant keys (test)
                    from-file.sha256: %s
                    from-file.tenant: "filed"
                    from-file.models: [sluice-echo, sluice-sim]
                    """.formatted(TestKeys.sha256(TestKeys.FROM_FILE)));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
