package dev.sluice.security.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The fixed-window arithmetic every limiter shares, so that a key gets the same verdicts,
 * messages and headers whichever store counts it: where a window starts, how long until it
 * resets, which limit a key's counts have reached, what it has left and when to retry. The
 * limiters only keep the counts: the memory one in this replica, the Redis one in a script that
 * checks and counts in one atomic round trip (it makes the {@link #verdict} in Lua for that reason,
 * and hands its counts back here for the rest).
 */
public final class RateWindow {

    /** What a key's counts allow, in the order the limits are checked (the Redis script returns the ordinal). */
    public enum Verdict { ADMITTED, REQUESTS, TOKENS, CONCURRENT_STREAMS }

    private final long lengthNanos;

    public RateWindow(Duration length) {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("sluice.auth.rate-window must be longer than 0, not " + length);
        }
        this.lengthNanos = length.toNanos();
    }

    public long lengthMillis() {
        return TimeUnit.NANOSECONDS.toMillis(lengthNanos);
    }

    /**
     * The start of the window that holds {@code now}, given the start of an earlier (or the same)
     * window, both in nanoseconds of one clock. Windows stay aligned on the key's first one: a key
     * idle for several windows lands in the one {@code now} falls in, not in a new one starting now.
     */
    public long currentStart(long start, long now) {
        long elapsed = now - start;
        return elapsed < lengthNanos ? start : now - elapsed % lengthNanos;
    }

    /** Milliseconds, rounded down, until the window that started at {@code start} resets, seen at {@code now}. */
    public long resetMillis(long start, long now) {
        return TimeUnit.NANOSECONDS.toMillis(start + lengthNanos - now);
    }

    /**
     * Whether one more request may start, given what the key counted in this window: a limit
     * refuses once the count has reached it (a limit of 2 admits the first two requests).
     */
    public static Verdict verdict(RateLimits limits, long requests, long tokens, long concurrent) {
        if (limits.requestsPerMinute() > 0 && requests >= limits.requestsPerMinute()) {
            return Verdict.REQUESTS;
        }
        if (limits.tokensPerMinute() > 0 && tokens >= limits.tokensPerMinute()) {
            return Verdict.TOKENS;
        }
        if (limits.concurrentStreams() > 0 && concurrent >= limits.concurrentStreams()) {
            return Verdict.CONCURRENT_STREAMS;
        }
        return Verdict.ADMITTED;
    }

    /** The key's budgets after {@code requests} and {@code tokens} in a window resetting in {@code resetMillis}. */
    public static RateLimitStatus status(RateLimits limits, long requests, long tokens, long resetMillis) {
        return RateLimitStatus.of(limits, requests, tokens, resetMillis);
    }

    /** The refusal for a verdict other than {@link Verdict#ADMITTED}, with the counts it was made on. */
    public RateLimitedException refusal(Verdict verdict, RateLimits limits, long requests, long tokens,
                                        long resetMillis) {
        RateLimitStatus status = status(limits, requests, tokens, resetMillis);
        return switch (verdict) {
            case REQUESTS -> RateLimitedException.requests(limits, lengthMillis(), retryAfterSeconds(resetMillis),
                    status);
            case TOKENS -> RateLimitedException.tokens(limits, lengthMillis(), retryAfterSeconds(resetMillis), status);
            // A slot comes back when any stream of the key ends, not with the window: retry soon.
            case CONCURRENT_STREAMS -> RateLimitedException.concurrent(limits, 1, status);
            case ADMITTED -> throw new IllegalArgumentException("an admitted request is not refused");
        };
    }

    /** Whole seconds, rounded up and at least 1, so that a client never retries before the window resets. */
    public static long retryAfterSeconds(long resetMillis) {
        return Math.max(1, (resetMillis + 999) / 1000);
    }
}
