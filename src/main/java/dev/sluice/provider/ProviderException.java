package dev.sluice.provider;

import dev.sluice.stream.ErrorCode;
import java.time.Duration;

/**
 * How a provider fails its stream. The message must be safe to show a client: never the
 * upstream key, never the upstream body verbatim.
 */
public class ProviderException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;

    public ProviderException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ProviderException(ErrorCode code, String message, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() { return code; }

    /** The upstream's {@code Retry-After}, or null. */
    public Duration retryAfter() { return retryAfter; }

    public boolean retryable() { return code.retryable(); }
}
