package dev.sluice.store.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.security.KeySettings;
import dev.sluice.security.ratelimit.RateLimitedException;
import dev.sluice.security.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Rate limits (per key: requests and completion tokens per window, streams in flight), the same
 * verdicts, messages and headers from every limiter. Built with a window of {@link #WINDOW}.
 */
public abstract class RateLimiterContract {

    protected static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(20);

    protected abstract RateLimiter limiter();

    private RateLimiter.Permit acquire(String key, KeySettings limits) {
        return limiter().acquire(key, limits).await().atMost(WAIT);
    }

    private RateLimitedException refused(String key, KeySettings limits) {
        return assertThrows(RateLimitedException.class, () -> acquire(key, limits));
    }

    @Test
    void requestsAreCountedPerKeyAndWindow() {
        String key = UUID.randomUUID().toString();
        KeySettings limits = new KeySettings(Set.of(), 0, 2, 0, 0);
        assertEquals("1", acquire(key, limits).status().headers().get("x-ratelimit-remaining-requests"));
        assertEquals("0", acquire(key, limits).status().headers().get("x-ratelimit-remaining-requests"));
        RateLimitedException limited = refused(key, limits);
        assertEquals(429, limited.error().status());
        assertEquals("rate_limit_exceeded", limited.error().code());
        assertEquals("Rate limit reached for requests: 2 per 2 s. Retry after the time in the Retry-After header.",
                limited.error().message());
        assertEquals("2", limited.headers().get("x-ratelimit-limit-requests"));
        assertEquals("1", acquire(UUID.randomUUID().toString(), limits).status().headers()
                .get("x-ratelimit-remaining-requests"), "each key has its own window");
        Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> acquire(key, limits) != null);
    }

    @Test
    void completionTokensCountWhenTheStreamEnds() {
        String key = UUID.randomUUID().toString();
        KeySettings limits = new KeySettings(Set.of(), 0, 0, 100, 0);
        RateLimiter.Permit first = acquire(key, limits);
        acquire(key, limits).release(30);
        first.release(70);
        first.release(70);
        // Releases may be counted asynchronously (a shared store): wait for the verdict to change.
        RateLimitedException limited = Awaitility.await().atMost(WAIT).until(() -> {
            try {
                acquire(key, limits).release(0);
                return null;
            } catch (RateLimitedException e) {
                return e;
            }
        }, java.util.Objects::nonNull);
        assertEquals("0", limited.headers().get("x-ratelimit-remaining-tokens"));
        assertEquals("Rate limit reached for tokens: 100 completion tokens per 2 s. Retry after the time in the "
                + "Retry-After header.", limited.error().message());
    }

    @Test
    void aConcurrencySlotIsHeldUntilReleased() {
        String key = UUID.randomUUID().toString();
        KeySettings limits = new KeySettings(Set.of(), 0, 0, 0, 1);
        RateLimiter.Permit first = acquire(key, limits);
        RateLimitedException limited = refused(key, limits);
        assertEquals(1, limited.retryAfterSeconds());
        assertEquals("Rate limit reached for concurrent streams: 1 at a time. Wait for a stream to finish or cancel "
                + "one.", limited.error().message());
        first.release(0);
        Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> acquire(key, limits) != null);
    }

    @Test
    void keysWithoutLimitsAreNotCounted() {
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            assertEquals(java.util.Map.of(), acquire(key, KeySettings.UNLIMITED).status().headers());
        }
    }
}
