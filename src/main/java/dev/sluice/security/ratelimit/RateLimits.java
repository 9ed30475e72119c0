package dev.sluice.security.ratelimit;

/**
 * The limits one key is counted against; 0 means unlimited. The limiters take only these, not a
 * key's whole settings, so that this package needs nothing from the one that configures keys.
 */
public interface RateLimits {

    /** Generation requests per window. */
    int requestsPerMinute();

    /** Completion tokens per window. */
    int tokensPerMinute();

    /** Generations running at the same time. */
    int concurrentStreams();

    /** Whether any limit applies; a key without one is not counted at all. */
    default boolean rateLimited() {
        return requestsPerMinute() > 0 || tokensPerMinute() > 0 || concurrentStreams() > 0;
    }
}
