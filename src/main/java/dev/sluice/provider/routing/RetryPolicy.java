package dev.sluice.provider.routing;

import dev.sluice.provider.ProviderException;
import dev.sluice.provider.ProvidersConfig;
import dev.sluice.model.ErrorCode;
import java.time.Duration;

/**
 * When to try the same target again: only for connect errors, 5xx and 429 (codes {@code
 * upstream_error} and {@code upstream_rate_limited}), with exponential backoff capped at {@code
 * maxBackoff}. A {@code Retry-After} is honoured as is; one longer than the cap skips the retries
 * so the route falls back instead of keeping the client waiting.
 *
 * @param maxAttempts attempts on one target, the first included
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Mutiny delays need a positive duration; {@code Retry-After: 0} waits this long. */
    private static final Duration MIN_WAIT = Duration.ofMillis(1);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalStateException("sluice.routing.max-attempts: must be at least 1, was " + maxAttempts);
        }
    }

    public static RetryPolicy of(ProvidersConfig.Routing config) {
        return new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff());
    }

    /** The wait before attempt {@code failedAttempt + 1}, or null when this failure is not retried. */
    public Duration backoff(int failedAttempt, ProviderException failure) {
        if (failedAttempt >= maxAttempts) {
            return null;
        }
        if (failure.code() != ErrorCode.UPSTREAM_ERROR && failure.code() != ErrorCode.UPSTREAM_RATE_LIMITED) {
            return null;
        }
        if (failure.retryAfter() != null) {
            Duration after = failure.retryAfter();
            return after.compareTo(maxBackoff) > 0 ? null : after.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : after;
        }
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(20, failedAttempt - 1));
        backoff = backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
        return backoff.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : backoff;
    }
}
