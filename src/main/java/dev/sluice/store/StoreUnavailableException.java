package dev.sluice.store;

/** The shared store (Redis) cannot be reached: new streams are refused with a retryable 503. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message) {
        super(message, null, false, false);
    }
}
