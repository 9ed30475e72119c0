package dev.sluice.bench;

/**
 * What one client stream measures, whichever HTTP client carries it: time to first token from
 * the request, the gap before every later delta, and whether a terminal event came. One stream
 * at a time per instance, on one event loop.
 */
final class StreamTiming implements SseEventSplitter.Listener {

    private final RunState run;
    private long sentNanos;
    private long lastDeltaNanos;
    private boolean terminal;

    StreamTiming(RunState run) {
        this.run = run;
    }

    /** A new request went out now. */
    void requestSent() {
        sentNanos = System.nanoTime();
        lastDeltaNanos = 0;
        terminal = false;
    }

    /** Whether the stream in flight ended with done or error (else it was truncated). */
    boolean terminal() {
        return terminal;
    }

    @Override
    public void onEvent(String name, SseEventSplitter source) {
        long now = System.nanoTime();
        LoadMetrics recorded = run.metricsAt(now);
        switch (name) {
            case "delta" -> {
                if (lastDeltaNanos == 0) {
                    recorded.recordTimeToFirstToken(now - sentNanos);
                } else {
                    recorded.recordGap(now - lastDeltaNanos, now);
                }
                recorded.tokens.increment();
                lastDeltaNanos = now;
            }
            case "done" -> {
                terminal = true;
                recorded.streamsCompleted.increment();
            }
            case "error" -> {
                terminal = true;
                recorded.error("event_error", source.data());
            }
            default -> { } // start, usage, redaction: not timed
        }
    }
}
