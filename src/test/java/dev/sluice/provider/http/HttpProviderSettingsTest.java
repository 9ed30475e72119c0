package dev.sluice.provider.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.provider.ProvidersConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpProviderSettingsTest {

    private static ProvidersConfig.Provider config(String baseUrl, String apiKey, String apiKeyFile) {
        return new ProvidersConfig.Provider() {
            public String type() { return "openai"; }
            public boolean enabled() { return true; }
            public Optional<String> baseUrl() { return Optional.ofNullable(baseUrl); }
            public Optional<String> apiKey() { return Optional.ofNullable(apiKey); }
            public Optional<String> apiKeyFile() { return Optional.ofNullable(apiKeyFile); }
            public Map<String, String> headers() { return Map.of(); }
            public Optional<String> apiVersion() { return Optional.empty(); }
            public int maxConnections() { return HttpProviderSettings.DEFAULT_MAX_CONNECTIONS; }
            public ProvidersConfig.Timeouts timeouts() {
                return new ProvidersConfig.Timeouts() {
                    public Duration connect() { return Duration.ofSeconds(1); }
                    public Duration firstToken() { return Duration.ofSeconds(2); }
                    public Duration gap() { return Duration.ofSeconds(3); }
                    public Duration total() { return Duration.ofSeconds(4); }
                };
            }
            public ProvidersConfig.Probe probe() {
                return new ProvidersConfig.Probe() {
                    public boolean enabled() { return false; }
                    public Duration interval() { return Duration.ofSeconds(30); }
                };
            }
            public Optional<java.util.List<String>> models() { return Optional.empty(); }
        };
    }

    @Test
    void missingBaseUrlNamesTheKey() {
        var e = assertThrows(IllegalStateException.class, () -> HttpProviderSettings.from("gpt", config(null, "k", null)));
        assertEquals("sluice.providers.gpt.base-url: required for a provider of type 'openai'", e.getMessage());
    }

    @Test
    void aBaseUrlThatIsNotHttpNamesTheKey() {
        var e = assertThrows(IllegalStateException.class,
                () -> HttpProviderSettings.from("gpt", config("ftp://example.com", "k", null)));
        assertEquals("sluice.providers.gpt.base-url: not an http(s) URL: not an http(s) URL with a host", e.getMessage());
    }

    @Test
    void anUnreadableKeyFileNamesTheKey(@TempDir Path dir) {
        var e = assertThrows(IllegalStateException.class, () -> HttpProviderSettings.from("gpt",
                config("https://api.openai.com/v1", null, dir.resolve("missing").toString())));
        assertEquals("sluice.providers.gpt.api-key-file: cannot read " + dir.resolve("missing")
                + " (NoSuchFileException)", e.getMessage());
    }

    @Test
    void theKeyFileIsReadAndTrimmedAndNeverPrinted(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "sk-from-secret\n");
        HttpProviderSettings settings = HttpProviderSettings.from("gpt",
                config("https://api.openai.com/v1/", null, file.toString()));
        assertEquals("sk-from-secret", settings.apiKey());
        assertEquals("https://api.openai.com/v1", settings.baseUrl());
        assertEquals(new TimeoutPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(4)), settings.timeouts());
        assertFalse(settings.toString().contains("sk-from-secret"));
    }
}
