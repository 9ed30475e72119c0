package dev.sluice.stream;

/**
 * A new stream was refused because this replica is draining for shutdown (DESIGN §8). The
 * client should retry: another replica (or this one after its restart) takes the request.
 */
public class ShuttingDownException extends RuntimeException {

    /** Seconds a client should wait before retrying, sent as {@code Retry-After}. */
    public static final long RETRY_AFTER_SECONDS = 1;

    public ShuttingDownException() {
        super("This Sluice replica is shutting down and takes no new streams; retry the request.", null, false,
                false);
    }
}
