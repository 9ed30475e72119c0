package dev.sluice.provider.simulator;

/**
 * Where the simulator's per-token timers come from: one timer per stream, re-armed for every
 * token. A seam of its own so the cancellation tests can see which timers are still pending.
 */
interface TokenTimers {

    /** A timer bound to the calling thread's Vert.x context; each firing runs {@code onFire} there. */
    Timer create(Runnable onFire);

    /** One stream's timer: armed at most once at a time, by the stream's single emitter. */
    interface Timer {

        /** Fires once after the delay. */
        void arm(long delayMillis);

        /** Stops a pending firing, from any thread; a no-op when none is pending. */
        void cancel();
    }
}
