package dev.sluice.bench;

/**
 * What one client stream of the proxy bench measures, whatever the protocol: time to first
 * token (request written → first non-empty content), the gap before every later token, and
 * whether the stream ended properly ({@code [DONE]}, {@code done}) or with an error event.
 * One stream at a time per instance, on one event loop.
 */
final class ProxyTiming implements OpenAiSseParser.Listener, SseEventSplitter.Listener {

    private final RunState run;
    private long sentNanos;
    private long lastTokenNanos;
    private boolean terminal;

    ProxyTiming(RunState run) {
        this.run = run;
    }

    void requestSent() {
        sentNanos = System.nanoTime();
        lastTokenNanos = 0;
        terminal = false;
    }

    boolean terminal() {
        return terminal;
    }

    /** A token arrived now; {@code bytes} of content, or 0 where the protocol's parser does not count them. */
    void token(int bytes) {
        long now = System.nanoTime();
        LoadMetrics recorded = run.metricsAt(now);
        if (lastTokenNanos == 0) {
            recorded.recordTimeToFirstToken(now - sentNanos);
        } else {
            recorded.recordGap(now - lastTokenNanos, now);
        }
        recorded.tokens.increment();
        if (bytes > 0) {
            recorded.contentBytes.add(bytes);
        }
        lastTokenNanos = now;
    }

    void done() {
        terminal = true;
        run.metricsAt(System.nanoTime()).streamsCompleted.increment();
    }

    void error(String detail) {
        terminal = true;
        run.metricsAt(System.nanoTime()).error("event_error", detail);
    }

    // OpenAI chat-completion chunks

    @Override
    public void onContent(int bytes) {
        token(bytes);
    }

    @Override
    public void onFinish() {
    }

    @Override
    public void onUsage() {
    }

    @Override
    public void onDone() {
        done();
    }

    @Override
    public void onError(String data) {
        error(data);
    }

    // Sluice's native SSE events

    @Override
    public void onEvent(String name, SseEventSplitter source) {
        switch (name) {
            case "delta" -> token(0);
            case "done" -> done();
            case "error" -> error(source.data());
            default -> { } // start, usage, redaction
        }
    }
}
