package dev.sluice.provider.http;

import dev.sluice.provider.ProvidersConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The validated settings of one HTTP provider. Built once at start; an invalid value fails
 * with the configuration key named. {@link #toString()} never shows the key.
 *
 * @param apiKey     the key, read from {@code api-key} or {@code api-key-file}, or null
 * @param apiVersion     Azure's {@code api-version} query parameter, or null (see {@code docs/providers.md})
 * @param maxConnections connections to the upstream at most, one per running stream
 */
public record HttpProviderSettings(String name, String baseUrl, String apiKey, Map<String, String> headers,
                                   TimeoutPolicy timeouts, String apiVersion, int maxConnections) {

    /** The default connection limit ({@code max-connections}). */
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;

    public HttpProviderSettings {
        headers = Map.copyOf(headers);
    }

    public HttpProviderSettings(String name, String baseUrl, String apiKey, Map<String, String> headers,
                                TimeoutPolicy timeouts, String apiVersion) {
        this(name, baseUrl, apiKey, headers, timeouts, apiVersion, DEFAULT_MAX_CONNECTIONS);
    }

    public static HttpProviderSettings from(String name, ProvidersConfig.Provider config) {
        String prefix = "sluice.providers." + name + ".";
        String base = config.baseUrl().map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() ->
                new IllegalStateException(prefix + "base-url: required for a provider of type '" + config.type()
                        + "'"));
        try {
            URI uri = new URI(base);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(base, "not an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(prefix + "base-url: not an http(s) URL: " + e.getReason());
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (config.maxConnections() < 1) {
            throw new IllegalStateException(prefix + "max-connections: must be at least 1");
        }
        return new HttpProviderSettings(name, base, apiKey(prefix, config), config.headers(),
                TimeoutPolicy.of(config.timeouts()), config.apiVersion().orElse(null), config.maxConnections());
    }

    private static String apiKey(String prefix, ProvidersConfig.Provider config) {
        Optional<String> inline = config.apiKey().map(String::trim).filter(s -> !s.isEmpty());
        if (inline.isPresent()) {
            return inline.get();
        }
        if (config.apiKeyFile().isEmpty()) {
            return null;
        }
        Path file = Path.of(config.apiKeyFile().get());
        try {
            String key = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (key.isEmpty()) {
                throw new IllegalStateException(prefix + "api-key-file: the file " + file + " is empty");
            }
            return key;
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException(prefix + "api-key-file: cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    public boolean hasApiKey() {
        return apiKey != null;
    }

    @Override
    public String toString() {
        return "HttpProviderSettings[name=" + name + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "none" : "***") + ", headers=" + headers.keySet() + ", timeouts=" + timeouts + "]";
    }
}
