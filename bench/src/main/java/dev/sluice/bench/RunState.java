package dev.sluice.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared clock and brakes of one run: when measurement ends, how many streams may still
 * open, and which metrics an event at a given time is recorded into.
 */
final class RunState {

    /** How long a stream slot waits before it opens a new stream after a failure. */
    static final long RETRY_DELAY_MS = 200;

    private final long maxStreams;
    private final LoadMetrics measured;
    /**
     * Where events outside the measured window go. Recording them (rather than skipping them)
     * runs the same code during the warm-up as while measuring: a branch first taken when
     * measurement starts makes the JIT deoptimize and recompile the generator's event handling
     * just then, inside the measured window.
     */
    private final LoadMetrics unmeasured;
    private final AtomicLong streamsStarted = new AtomicLong();
    private volatile long startNanos = Long.MAX_VALUE;
    private volatile long endNanos = Long.MAX_VALUE;
    private volatile boolean stopping;

    RunState(long maxStreams, LoadMetrics measured) {
        this.maxStreams = maxStreams;
        this.measured = measured;
        this.unmeasured = new LoadMetrics(measured.timeline);
    }

    /** Streams run from now on; only what happens between {@code startNanos} and {@code endNanos} is measured. */
    void measure(long startNanos, long endNanos) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
    }

    boolean measuring(long nowNanos) {
        return !stopping && nowNanos >= startNanos && nowNanos < endNanos;
    }

    /** The run's metrics while measuring, else a set that is thrown away. */
    LoadMetrics metricsAt(long nowNanos) {
        return measuring(nowNanos) ? measured : unmeasured;
    }

    /**
     * Counts a stream's failure, unless the run is ending (connections reset by the end of the
     * run are not errors). Returns whether the slot should retry after {@link #RETRY_DELAY_MS}.
     */
    boolean failed(String kind, String detail) {
        if (stopping) {
            return false;
        }
        metricsAt(System.nanoTime()).error(kind, detail);
        return true;
    }

    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /** Claims the next stream number, or -1 once the run is over or the stream budget is spent. */
    long claimStream() {
        if (stopping || System.nanoTime() >= endNanos) {
            return -1;
        }
        long n = streamsStarted.incrementAndGet();
        return n <= maxStreams ? n : -1;
    }
}
