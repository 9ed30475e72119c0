package dev.sluice.security.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.security.KeySettings;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The memory limiter on a hand-driven clock: windows, token budgets, concurrency and headers. */
class MemoryRateLimiterTest {

    private static final long WINDOW = TimeUnit.SECONDS.toNanos(60);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final MemoryRateLimiter limiter = new MemoryRateLimiter(WINDOW, now::get);

    @Test
    void requestsPerWindowThenResetWhenTheWindowRolls() {
        KeySettings limits = new KeySettings(Set.of(), 0, 2, 0, 0);
        assertEquals("1", limiter.acquireNow("k", limits).status().headers().get("x-ratelimit-remaining-requests"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
        RateLimiter.Permit second = limiter.acquireNow("k", limits);
        assertEquals(Map.of("x-ratelimit-limit-requests", "2", "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "40s"), second.status().headers());
        RateLimitedException limited = assertThrows(RateLimitedException.class, () -> limiter.acquireNow("k", limits));
        assertEquals(40, limited.retryAfterSeconds());
        assertEquals("40", limited.headers().get("Retry-After"));
        assertEquals(429, limited.error().status());
        now.addAndGet(TimeUnit.SECONDS.toNanos(40));
        assertEquals("1", limiter.acquireNow("k", limits).status().headers().get("x-ratelimit-remaining-requests"));
        assertEquals("1", limiter.acquireNow("other", limits).status().headers().get("x-ratelimit-remaining-requests"),
                "each key has its own window");
    }

    @Test
    void tokensCountWhenTheStreamEnds() {
        KeySettings limits = new KeySettings(Set.of(), 0, 0, 100, 0);
        RateLimiter.Permit permit = limiter.acquireNow("k", limits);
        limiter.acquireNow("k", limits).release(30);
        permit.release(70);
        permit.release(70);
        RateLimitedException limited = assertThrows(RateLimitedException.class, () -> limiter.acquireNow("k", limits));
        assertEquals("0", limited.headers().get("x-ratelimit-remaining-tokens"));
        assertEquals("1m0s", limited.headers().get("x-ratelimit-reset-tokens"));
        now.addAndGet(WINDOW);
        assertEquals("100", limiter.acquireNow("k", limits).status().headers().get("x-ratelimit-remaining-tokens"));
    }

    @Test
    void concurrentStreamsAreHeldUntilReleased() {
        KeySettings limits = new KeySettings(Set.of(), 0, 0, 0, 1);
        RateLimiter.Permit first = limiter.acquireNow("k", limits);
        RateLimitedException limited = assertThrows(RateLimitedException.class, () -> limiter.acquireNow("k", limits));
        assertEquals(1, limited.retryAfterSeconds());
        first.release(0);
        limiter.acquireNow("k", limits);
    }

    @Test
    void unlimitedKeysSendNoHeaders() {
        assertEquals(Map.of(), limiter.acquireNow("k", KeySettings.UNLIMITED).status().headers());
    }

    @Test
    void durationsAreWrittenTheWayOpenAiWritesThem() {
        assertEquals("20ms", RateLimitStatus.duration(20));
        assertEquals("1s", RateLimitStatus.duration(1000));
        assertEquals("1.5s", RateLimitStatus.duration(1500));
        assertEquals("6m0s", RateLimitStatus.duration(360_000));
        assertEquals("1m30.25s", RateLimitStatus.duration(90_250));
    }
}
