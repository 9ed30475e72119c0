package dev.sluice.security.ratelimit;

import dev.sluice.security.refusal.Refusal;
import dev.sluice.security.refusal.RefusedException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A key reached one of its limits: a {@code rate_limit_exceeded} refusal (429) carrying its
 * {@code Retry-After} and {@code x-ratelimit-*} values, which the API sends as headers.
 */
public class RateLimitedException extends RefusedException {

    private final transient Map<String, String> headers;
    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds, RateLimitStatus status) {
        super(new Refusal(Refusal.Reason.RATE_LIMITED, "rate_limit_exceeded", null, message));
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Retry-After", Long.toString(this.retryAfterSeconds));
        all.putAll(status.headers());
        this.headers = Map.copyOf(all);
    }

    /** The key started {@code requests-per-minute} generations in this window. */
    public static RateLimitedException requests(RateLimits limits, long windowMillis, long retryAfterSeconds,
                                                RateLimitStatus status) {
        return new RateLimitedException("Rate limit reached for requests: " + limits.requestsPerMinute()
                + " per " + windowText(windowMillis) + ". Retry after the time in the Retry-After header.",
                retryAfterSeconds, status);
    }

    /** The key's streams generated {@code tokens-per-minute} completion tokens in this window. */
    public static RateLimitedException tokens(RateLimits limits, long windowMillis, long retryAfterSeconds,
                                              RateLimitStatus status) {
        return new RateLimitedException("Rate limit reached for tokens: " + limits.tokensPerMinute()
                + " completion tokens per " + windowText(windowMillis) + ". Retry after the time in the Retry-After "
                + "header.", retryAfterSeconds, status);
    }

    /** The key has {@code concurrent-streams} generations running. */
    public static RateLimitedException concurrent(RateLimits limits, long retryAfterSeconds, RateLimitStatus status) {
        return new RateLimitedException("Rate limit reached for concurrent streams: "
                + limits.concurrentStreams() + " at a time. Wait for a stream to finish or cancel one.",
                retryAfterSeconds, status);
    }

    private static String windowText(long windowMillis) {
        long seconds = windowMillis / 1000;
        return seconds == 60 ? "minute" : seconds + " s";
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
