package dev.sluice.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * API keys and their tenants. Keys are configured by their SHA-256 hash only, here
 * ({@code sluice.auth.keys.<key-id>.*}) and/or in a mounted file ({@code sluice.auth.keys-file},
 * same settings without the {@code sluice.auth.keys.} prefix). With no key at all, Sluice runs open.
 */
@ConfigMapping(prefix = "sluice.auth")
public interface AuthConfig {

    /** Keys by key id (the id appears in logs and metrics; the key never does). */
    Map<String, Key> keys();

    /** A file of {@code <key-id>.<setting>: <value>} lines, e.g. a mounted Kubernetes Secret. */
    @WithName("keys-file")
    Optional<String> keysFile();

    /**
     * The window the "per minute" limits are counted over. One minute in production; tests
     * shorten it so that waiting out a limit stays quick.
     */
    @WithName("rate-window")
    @WithDefault("1m")
    Duration rateWindow();

    interface Key {

        /** Lower-case hex SHA-256 of the key: {@code printf %s "$KEY" | sha256sum}. */
        String sha256();

        /** The tenant that owns everything this key creates. */
        String tenant();

        /** Model aliases this key may use; absent or empty means every configured model. */
        Optional<List<String>> models();

        /** Masking profile for this key's streams when a request names none (README "Masking"). */
        Optional<String> masking();

        /** Ceiling on {@code max_tokens}; requests without one get this value. */
        @WithName("max-tokens")
        OptionalInt maxTokens();

        Rate rate();
    }

    interface Rate {

        /** Generation requests per window (one minute); absent means unlimited. */
        @WithName("requests-per-minute")
        OptionalInt requestsPerMinute();

        /** Completion tokens per window, counted from each stream's usage when it ends. */
        @WithName("tokens-per-minute")
        OptionalInt tokensPerMinute();

        /** Streams generating at the same time. */
        @WithName("concurrent-streams")
        OptionalInt concurrentStreams();
    }
}
