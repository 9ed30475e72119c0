package dev.sluice.security;

import dev.sluice.provider.ModelPatterns;
import dev.sluice.security.ratelimit.RateLimits;
import java.util.Set;

/**
 * What one key may do. A limit of 0 means unlimited.
 *
 * @param models  allowed model names (aliases, names routed by patterns; {@code *} patterns allowed); empty means all
 * @param masking the masking profile for requests that name none, or null for the configured default
 */
public record KeySettings(Set<String> models, int maxTokens, int requestsPerMinute, int tokensPerMinute,
                          int concurrentStreams, String masking) implements RateLimits {

    public static final KeySettings UNLIMITED = new KeySettings(Set.of(), 0, 0, 0, 0, null);

    public KeySettings(Set<String> models, int maxTokens, int requestsPerMinute, int tokensPerMinute,
                       int concurrentStreams) {
        this(models, maxTokens, requestsPerMinute, tokensPerMinute, concurrentStreams, null);
    }

    public KeySettings {
        models = Set.copyOf(models);
    }

    /**
     * Whether the key may use the model name a client sent: listed exactly, or matched by a listed
     * pattern with {@code *} ({@code vllm/*} for every name routed to the provider {@code vllm} by prefix).
     */
    public boolean allowsModel(String alias) {
        if (models.isEmpty() || models.contains(alias)) {
            return true;
        }
        if (alias == null) {
            return false;
        }
        for (String allowed : models) {
            if (ModelPatterns.wildcard(allowed) && ModelPatterns.matches(allowed, alias)) {
                return true;
            }
        }
        return false;
    }
}
