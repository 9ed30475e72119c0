package dev.sluice.model;

import java.time.Duration;

/**
 * Why a generation ended with an error, whoever ended it: a provider (its upstream failed, see
 * {@code dev.sluice.provider.ProviderException}) or a policy (masking blocked a value). The stream
 * turns it into its {@code error} event and an API into its HTTP status, both from {@link #code()}
 * alone, so neither needs to know which layer failed. The message must be safe to show a client.
 */
public class GenerationFailure extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;

    public GenerationFailure(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public GenerationFailure(ErrorCode code, String message, Duration retryAfter, Throwable cause) {
        // No stack trace: a failure is an outcome the client is told about, not a bug to trace.
        super(message, cause, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() { return code; }

    /** How long the client should wait before retrying (an upstream's {@code Retry-After}), or null. */
    public Duration retryAfter() { return retryAfter; }

    public boolean retryable() { return code.retryable(); }
}
