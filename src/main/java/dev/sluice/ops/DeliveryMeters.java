package dev.sluice.ops;

import dev.sluice.model.StreamEvent;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Records what one client sees of one stream: time to first token (from its request), the gap
 * between consecutive text deltas, and Sluice's own overhead per token. Transports create it only
 * for subscribers that follow live from the start: replayed events are history, not latency.
 */
public final class DeliveryMeters {

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
        if (!(event instanceof StreamEvent.Text text)) {
            return;
        }
        long now = System.nanoTime();
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
            if (spent >= 0 && spent < TimeUnit.SECONDS.toNanos(5)) {
                overhead.record(spent, TimeUnit.NANOSECONDS);
            }
        }
    }
}
