package dev.sluice.security.ratelimit;

import io.smallrye.mutiny.Uni;

/**
 * Admits generation requests of one key against its limits. An implementation counts requests
 * when it admits them, holds a concurrency slot until {@link Permit#release} and adds the
 * completion tokens passed there to the key's token budget.
 */
public interface RateLimiter {

    /**
     * Admits one request, asynchronously (a shared store answers over the network).
     * Fails with {@link RateLimitedException} when a limit of this key is reached (it carries the
     * {@code Retry-After} and {@code x-ratelimit-*} headers), or with
     * {@link dev.sluice.store.StoreUnavailableException} when the shared store cannot count.
     */
    Uni<Permit> acquire(String keyId, RateLimits limits);

    /** An admitted request. */
    interface Permit {

        /** The {@code x-ratelimit-*} headers as of this admission (empty when the key has no limits). */
        RateLimitStatus status();

        /** Gives back the concurrency slot and counts the tokens the stream generated; idempotent. */
        void release(long completionTokens);
    }
}
