package dev.sluice.security;

import java.util.Set;

/**
 * What one key may do. A limit of 0 means unlimited.
 *
 * @param models  allowed model aliases; empty means all
 * @param masking the masking profile for requests that name none, or null for the configured default
 */
public record KeySettings(Set<String> models, int maxTokens, int requestsPerMinute, int tokensPerMinute,
                          int concurrentStreams, String masking) {

    public static final KeySettings UNLIMITED = new KeySettings(Set.of(), 0, 0, 0, 0, null);

    public KeySettings(Set<String> models, int maxTokens, int requestsPerMinute, int tokensPerMinute,
                       int concurrentStreams) {
        this(models, maxTokens, requestsPerMinute, tokensPerMinute, concurrentStreams, null);
    }

    public KeySettings {
        models = Set.copyOf(models);
    }

    public boolean allowsModel(String alias) {
        return models.isEmpty() || models.contains(alias);
    }

    public boolean rateLimited() {
        return requestsPerMinute > 0 || tokensPerMinute > 0 || concurrentStreams > 0;
    }
}
