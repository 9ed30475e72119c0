package dev.sluice.provider.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One provider's circuit: {@code failureThreshold} consecutive failures open it; while open
 * the provider is skipped; after {@code coolDown} one trial request is let through (half-open),
 * whose success closes the circuit and whose failure opens it again. A trial that never reports
 * (its client cancelled) is replaced by another after a further cool-down.
 */
public final class CircuitBreaker {

    private final int failureThreshold;
    private final long coolDownNanos;
    private final LongSupplier nanoClock;

    private CircuitState state = CircuitState.CLOSED;
    private int consecutiveFailures;
    private long since;

    public CircuitBreaker(int failureThreshold, Duration coolDown, LongSupplier nanoClock) {
        this.failureThreshold = Math.max(1, failureThreshold);
        this.coolDownNanos = coolDown.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether a request may go to this provider now; may move an open circuit to half-open. */
    public synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        switch (state) {
            case CLOSED -> {
                return true;
            }
            case OPEN, HALF_OPEN -> {
                if (now - since >= coolDownNanos) {
                    state = CircuitState.HALF_OPEN;
                    since = now;
                    return true;
                }
                return false;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        state = CircuitState.CLOSED;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state == CircuitState.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = CircuitState.OPEN;
            since = nanoClock.getAsLong();
        }
    }

    public synchronized CircuitState state() {
        return state;
    }
}
