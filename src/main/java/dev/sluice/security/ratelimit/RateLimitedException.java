package dev.sluice.security.ratelimit;

import dev.sluice.api.common.ApiError;
import dev.sluice.api.common.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A key reached one of its limits: a 429 in OpenAI's shape with {@code Retry-After} and {@code x-ratelimit-*}. */
public class RateLimitedException extends InvalidRequestException {

    private final transient Map<String, String> headers;
    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds, RateLimitStatus status) {
        super(new ApiError(429, "rate_limit_error", "rate_limit_exceeded", null, message));
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Retry-After", Long.toString(this.retryAfterSeconds));
        all.putAll(status.headers());
        this.headers = Map.copyOf(all);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
