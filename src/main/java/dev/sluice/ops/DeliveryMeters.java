package dev.sluice.ops;

import dev.sluice.model.StreamEvent;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records what one client sees of one stream: time to first token (from its request), the gap
 * between consecutive text deltas, and Sluice's own overhead per token. Transports create it only
 * for subscribers that follow live from the start: replayed events are history, not latency.
 */
public final class DeliveryMeters {

    private static final long MAX_OVERHEAD_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Timer ttft;
    private final Timer gap;
    private final Timer overhead;
    private long requestNanos = -1;
    private long streamStartNanos = -1;
    private long lastTokenNanos = -1;

    DeliveryMeters(Timer ttft, Timer gap, Timer overhead) {
        this.ttft = ttft;
        this.gap = gap;
        this.overhead = overhead;
    }

    /** Enables the time-to-first-token measurement for a client that started the stream itself. */
    public DeliveryMeters fromRequest(long requestNanos) {
        this.requestNanos = requestNanos;
        return this;
    }

    /** Enables the overhead measurement for a stream generated on this replica. */
    public DeliveryMeters streamStartedAt(long streamStartNanos) {
        this.streamStartNanos = streamStartNanos;
        return this;
    }

    /** Call when the event was handed to the connection. */
    public void written(StreamEvent event) {
        if (event instanceof StreamEvent.Text text) {
            record(text, System.nanoTime());
        }
    }

    /**
     * Call when the first {@code count} events were handed to the connection in one write: they
     * reach the client together, so they share one reading of the clock (one per write, not one
     * per token, on the path where many tokens go out per write).
     */
    public void written(List<StreamEvent> events, int count) {
        long now = -1;
        for (int i = 0; i < count; i++) {
            if (events.get(i) instanceof StreamEvent.Text text) {
                if (now < 0) {
                    now = System.nanoTime();
                }
                record(text, now);
            }
        }
    }

    private void record(StreamEvent.Text text, long now) {
        if (lastTokenNanos < 0) {
            if (requestNanos >= 0) {
                ttft.record(now - requestNanos, TimeUnit.NANOSECONDS);
            }
        } else {
            gap.record(now - lastTokenNanos, TimeUnit.NANOSECONDS);
        }
        lastTokenNanos = now;
        if (streamStartNanos >= 0) {
            long createdNanos = streamStartNanos + (long) (text.at() * 1_000_000);
            long spent = now - createdNanos;
            if (spent >= 0 && spent < MAX_OVERHEAD_NANOS) {
                overhead.record(spent, TimeUnit.NANOSECONDS);
            }
        }
    }
}
