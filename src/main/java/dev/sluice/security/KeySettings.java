package dev.sluice.security;

import java.util.Set;

/**
 * What one key may do. A limit of 0 means unlimited.
 *
 * @param models allowed model aliases; empty means all
 */
public record KeySettings(Set<String> models, int maxTokens, int requestsPerMinute, int tokensPerMinute,
                          int concurrentStreams) {

    public static final KeySettings UNLIMITED = new KeySettings(Set.of(), 0, 0, 0, 0);

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
