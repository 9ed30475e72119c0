package dev.sluice.provider;

import dev.sluice.model.ErrorCode;
import dev.sluice.model.GenerationFailure;
import java.time.Duration;

/**
 * How a provider fails its stream. The message must be safe to show a client: never the
 * upstream key, never the upstream body verbatim.
 */
public class ProviderException extends GenerationFailure {

    private final boolean injected;

    public ProviderException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ProviderException(ErrorCode code, String message, Duration retryAfter, Throwable cause) {
        this(code, message, retryAfter, cause, false);
    }

    private ProviderException(ErrorCode code, String message, Duration retryAfter, Throwable cause, boolean injected) {
        super(code, message, retryAfter, cause);
        this.injected = injected;
    }

    /**
     * A failure a request asked for (the simulator's {@code fail} option): the client sees it as
     * any other, but it says nothing about the provider's health, so no circuit breaker counts it.
     */
    public static ProviderException injected(ErrorCode code, String message, Duration retryAfter) {
        return new ProviderException(code, message, retryAfter, null, true);
    }

    /** Whether a request injected this failure (see {@link #injected(ErrorCode, String, Duration)}). */
    public boolean injected() { return injected; }

}
