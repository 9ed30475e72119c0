package dev.sluice.security.refusal;

import java.util.Map;

/**
 * Security refuses a call: thrown by authentication, admission and the rate limiters, and turned
 * into the API's error by the API layer ({@code dev.sluice.api.http.ErrorMapper}), so that
 * security decides what is refused and never how a reply looks.
 */
public class RefusedException extends RuntimeException {

    private final transient Refusal error;

    public RefusedException(Refusal error) {
        // A refusal is an expected answer, not a fault: no stack trace to fill in.
        super(error.message(), null, false, false);
        this.error = error;
    }

    public static RefusedException of(Refusal.Reason reason, String param, String code, String message) {
        return new RefusedException(new Refusal(reason, code, param, message));
    }

    /** What is refused and why. */
    public Refusal error() {
        return error;
    }

    /** Headers the answer carries (e.g. {@code Retry-After}); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
