package dev.sluice.security.ratelimit;

import dev.sluice.security.AuthConfig;
import dev.sluice.security.KeySettings;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Limits in this replica's memory: fixed windows of {@code sluice.auth.rate-window} per key for
 * requests and completion tokens, and a count of streams in flight. With several replicas each
 * enforces the limits on its own share of the traffic.
 */
@DefaultBean
@ApplicationScoped
public class MemoryRateLimiter implements RateLimiter {

    private final long windowNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, KeyWindow> windows = new ConcurrentHashMap<>();

    @Inject
    MemoryRateLimiter(AuthConfig config) {
        this(config.rateWindow().toNanos(), System::nanoTime);
    }

    MemoryRateLimiter(long windowNanos, LongSupplier clock) {
        this.windowNanos = windowNanos;
        this.clock = clock;
    }

    @Override
    public Uni<Permit> acquire(String keyId, KeySettings limits) {
        return Uni.createFrom().item(() -> acquireNow(keyId, limits));
    }

    /** {@link #acquire}, answered at once: this limiter never waits. */
    Permit acquireNow(String keyId, KeySettings limits) {
        if (!limits.rateLimited()) {
            return new WindowPermit(null, RateLimitStatus.NONE);
        }
        KeyWindow window = windows.computeIfAbsent(keyId, k -> new KeyWindow(clock.getAsLong()));
        synchronized (window) {
            long now = clock.getAsLong();
            window.roll(now, windowNanos);
            long resetMillis = TimeUnit.NANOSECONDS.toMillis(window.start + windowNanos - now);
            RateLimitStatus before = RateLimitStatus.of(limits, window.requests, window.tokens, resetMillis);
            long windowMillis = TimeUnit.NANOSECONDS.toMillis(windowNanos);
            if (limits.requestsPerMinute() > 0 && window.requests >= limits.requestsPerMinute()) {
                throw RateLimitedException.requests(limits, windowMillis, resetMillis, before);
            }
            if (limits.tokensPerMinute() > 0 && window.tokens >= limits.tokensPerMinute()) {
                throw RateLimitedException.tokens(limits, windowMillis, resetMillis, before);
            }
            if (limits.concurrentStreams() > 0 && window.concurrent >= limits.concurrentStreams()) {
                throw RateLimitedException.concurrent(limits, before);
            }
            window.requests++;
            window.concurrent++;
            return new WindowPermit(window, RateLimitStatus.of(limits, window.requests, window.tokens, resetMillis));
        }
    }

    private final class WindowPermit implements Permit {

        private final KeyWindow window;
        private final RateLimitStatus status;
        private final AtomicBoolean released = new AtomicBoolean();

        WindowPermit(KeyWindow window, RateLimitStatus status) {
            this.window = window;
            this.status = status;
        }

        @Override
        public RateLimitStatus status() {
            return status;
        }

        @Override
        public void release(long completionTokens) {
            if (window == null || !released.compareAndSet(false, true)) {
                return;
            }
            synchronized (window) {
                window.concurrent--;
                window.roll(clock.getAsLong(), windowNanos);
                window.tokens += Math.max(0, completionTokens);
            }
        }
    }

    /** One key's counters; guarded by its own monitor. */
    private static final class KeyWindow {
        long start;
        long requests;
        long tokens;
        long concurrent;

        KeyWindow(long start) {
            this.start = start;
        }

        void roll(long now, long length) {
            if (now - start >= length) {
                start = now - (now - start) % length;
                requests = 0;
                tokens = 0;
            }
        }
    }
}
