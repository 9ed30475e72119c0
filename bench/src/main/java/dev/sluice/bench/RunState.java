package dev.sluice.bench;

import java.util.concurrent.atomic.AtomicLong;

/** The shared clock and brakes of one run: when measurement ends, and how many streams may still open. */
final class RunState {

    private final long maxStreams;
    private final AtomicLong streamsStarted = new AtomicLong();
    private volatile long startNanos = Long.MAX_VALUE;
    private volatile long endNanos = Long.MAX_VALUE;
    private volatile boolean stopping;

    RunState(long maxStreams) {
        this.maxStreams = maxStreams;
    }

    /** Streams run from now on; only what happens between {@code startNanos} and {@code endNanos} is measured. */
    void measure(long startNanos, long endNanos) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
    }

    boolean measuring(long nowNanos) {
        return !stopping && nowNanos >= startNanos && nowNanos < endNanos;
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
