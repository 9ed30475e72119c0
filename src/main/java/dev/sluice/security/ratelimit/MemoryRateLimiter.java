package dev.sluice.security.ratelimit;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Limits in this replica's memory: fixed windows of {@code sluice.auth.rate-window} per key for
 * requests and completion tokens, and a count of streams in flight. With several replicas each
 * enforces the limits on its own share of the traffic. The window arithmetic is {@link RateWindow}'s.
 */
@DefaultBean
@ApplicationScoped
public class MemoryRateLimiter implements RateLimiter {

    private final RateWindow window;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, KeyCounts> counts = new ConcurrentHashMap<>();

    @Inject
    MemoryRateLimiter(RateWindow window) {
        this(window, System::nanoTime);
    }

    MemoryRateLimiter(long windowNanos, LongSupplier clock) {
        this(new RateWindow(Duration.ofNanos(windowNanos)), clock);
    }

    private MemoryRateLimiter(RateWindow window, LongSupplier clock) {
        this.window = window;
        this.clock = clock;
    }

    @Override
    public Uni<Permit> acquire(String keyId, RateLimits limits) {
        return Uni.createFrom().item(() -> acquireNow(keyId, limits));
    }

    /** {@link #acquire}, answered at once: this limiter never waits. */
    Permit acquireNow(String keyId, RateLimits limits) {
        if (!limits.rateLimited()) {
            return new WindowPermit(null, RateLimitStatus.NONE);
        }
        KeyCounts key = counts.computeIfAbsent(keyId, k -> new KeyCounts(clock.getAsLong()));
        synchronized (key) {
            long now = clock.getAsLong();
            key.roll(window.currentStart(key.start, now));
            long resetMillis = window.resetMillis(key.start, now);
            RateWindow.Verdict verdict = RateWindow.verdict(limits, key.requests, key.tokens, key.concurrent);
            if (verdict != RateWindow.Verdict.ADMITTED) {
                throw window.refusal(verdict, limits, key.requests, key.tokens, resetMillis);
            }
            key.requests++;
            key.concurrent++;
            return new WindowPermit(key, RateWindow.status(limits, key.requests, key.tokens, resetMillis));
        }
    }

    private final class WindowPermit implements Permit {

        private final KeyCounts key;
        private final RateLimitStatus status;
        private final AtomicBoolean released = new AtomicBoolean();

        WindowPermit(KeyCounts key, RateLimitStatus status) {
            this.key = key;
            this.status = status;
        }

        @Override
        public RateLimitStatus status() {
            return status;
        }

        @Override
        public void release(long completionTokens) {
            if (key == null || !released.compareAndSet(false, true)) {
                return;
            }
            synchronized (key) {
                key.concurrent--;
                key.roll(window.currentStart(key.start, clock.getAsLong()));
                key.tokens += Math.max(0, completionTokens);
            }
        }
    }

    /** One key's counters; guarded by its own monitor. */
    private static final class KeyCounts {
        long start;
        long requests;
        long tokens;
        long concurrent;

        KeyCounts(long start) {
            this.start = start;
        }

        /** A new window counts requests and tokens from 0; streams in flight carry over. */
        void roll(long currentStart) {
            if (currentStart != start) {
                start = currentStart;
                requests = 0;
                tokens = 0;
            }
        }
    }
}
