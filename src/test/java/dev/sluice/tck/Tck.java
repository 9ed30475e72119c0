package dev.sluice.tck;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** What the TCK verifications here share: their timeouts, and closing their Vert.x. */
final class Tck {

    /**
     * How long the TCK waits for an expected signal. Larger than the TCK's default (100 ms) so a
     * busy build machine does not fail a correct class: it bounds waits, it asserts no timing.
     */
    static final long TIMEOUT_MILLIS = 1_000;
    /** How long the TCK waits to be sure no further signal comes (each such wait adds to the run). */
    static final long NO_SIGNAL_TIMEOUT_MILLIS = 100;
    /** How long after a cancel the TCK lets the publisher drop its subscriber before it checks. */
    static final long GC_TIMEOUT_MILLIS = 300;

    private Tck() {}

    static void close(Vertx vertx) {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Vert.x did not close", e);
            }
        }
    }
}
