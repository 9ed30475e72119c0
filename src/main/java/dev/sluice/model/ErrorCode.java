package dev.sluice.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Machine-readable reason a stream ended with an {@code error} event. */
public enum ErrorCode {
    UPSTREAM_ERROR("upstream_error", true),
    UPSTREAM_TIMEOUT("upstream_timeout", true),
    UPSTREAM_AUTH("upstream_auth", false),
    UPSTREAM_RATE_LIMITED("upstream_rate_limited", true),
    UPSTREAM_BAD_RESPONSE("upstream_bad_response", true),
    SLOW_CONSUMER("slow_consumer", true),
    POLICY_VIOLATION("policy_violation", false),
    SHUTDOWN("shutdown", true),
    INTERNAL("internal_error", true);

    private final String wire;
    private final boolean retryable;

    ErrorCode(String wire, boolean retryable) {
        this.wire = wire;
        this.retryable = retryable;
    }

    @JsonValue
    public String wire() { return wire; }

    /** Whether a client may reasonably try the same request again. */
    public boolean retryable() { return retryable; }
}
