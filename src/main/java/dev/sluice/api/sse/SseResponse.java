package dev.sluice.api.sse;

import dev.sluice.ops.DeliveryMeters;
import dev.sluice.ops.StreamMetrics;
import dev.sluice.stream.StreamEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Delivers one subscriber's events as Server-Sent Events on a Vert.x response, with
 * back-pressure: at most {@link #BATCH} events are requested ahead, more only once the
 * connection has taken what was written (so a client that stops reading stops its own reads
 * from the journal, and the producer never notices). Events arriving together are written
 * in one write. Idle connections get heartbeat comments. Closing the connection cancels the
 * subscription, which is how a disconnect reaches the stream's grace-period cancel.
 */
public final class SseResponse implements MultiSubscriber<StreamEvent> {

    static final int BATCH = 128;
    private static final Buffer HEARTBEAT = Buffer.buffer(": ping\n\n");

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final SseEncoder encoder;
    private final DeliveryMeters meters;
    private final StreamMetrics metrics;
    private final long heartbeatMillis;
    private final StringBuilder pending = new StringBuilder();
    private final List<StreamEvent> pendingEvents = new ArrayList<>();
    private Flow.Subscription subscription;
    private boolean flushScheduled;
    private boolean ended;
    private boolean terminated;
    private long lastSeq = -1;
    private long heartbeatTimer = -1;
    private volatile boolean closed;

    private SseResponse(Vertx vertx, Context context, HttpServerResponse response, SseEncoder encoder,
                        DeliveryMeters meters, StreamMetrics metrics, long heartbeatMillis, long afterSeq) {
        this.vertx = vertx;
        this.context = context;
        this.response = response;
        this.encoder = encoder;
        this.meters = meters;
        this.metrics = metrics;
        this.heartbeatMillis = heartbeatMillis;
        this.lastSeq = afterSeq;
    }

    /**
     * Writes the SSE headers and starts delivering; all writes happen on the request's context.
     *
     * @param meters   what to record per token, or null for a replaying subscriber
     * @param afterSeq the last seq the client already has (events up to it are dropped)
     */
    public static void deliver(Vertx vertx, Context context, HttpServerResponse response, Multi<StreamEvent> events,
                               SseEncoder encoder, DeliveryMeters meters, StreamMetrics metrics,
                               long heartbeatMillis, long afterSeq) {
        response.setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .setChunked(true);
        SseResponse sse = new SseResponse(vertx, context, response, encoder, meters, metrics, heartbeatMillis,
                afterSeq);
        context.runOnContext(v -> {
            response.closeHandler(closed -> sse.onClosed());
            // Send the headers now, so EventSource clients see the stream open before the first token.
            response.write(Buffer.buffer(": stream\n\n"));
            sse.armHeartbeat();
            events.subscribe().withSubscriber(sse);
        });
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(BATCH);
        }
    }

    @Override
    public void onItem(StreamEvent event) {
        synchronized (this) {
            if (event.seq() != StreamEvent.UNSEQUENCED) {
                if (event.seq() <= lastSeq) {
                    metrics.duplicateDropped();
                    return;
                }
                lastSeq = event.seq();
            }
            encoder.encode(event, pending);
            pendingEvents.add(event);
            scheduleFlush();
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        onCompletion();
    }

    @Override
    public void onCompletion() {
        synchronized (this) {
            terminated = true;
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
    }

    private void flush() {
        String text;
        List<StreamEvent> written;
        boolean end;
        synchronized (this) {
            flushScheduled = false;
            end = terminated && !ended;
            if (end) {
                encoder.finish(pending);
                ended = true;
            }
            text = pending.toString();
            pending.setLength(0);
            written = pendingEvents.isEmpty() ? List.of() : new ArrayList<>(pendingEvents);
            pendingEvents.clear();
        }
        if (closed) {
            return;
        }
        if (!text.isEmpty()) {
            response.write(Buffer.buffer(text));
        }
        if (meters != null) {
            written.forEach(meters::written);
        }
        if (end) {
            stopHeartbeat();
            response.end();
            return;
        }
        if (!written.isEmpty()) {
            int more = written.size();
            if (response.writeQueueFull()) {
                response.drainHandler(v -> subscription.request(more));
            } else {
                subscription.request(more);
            }
        }
    }

    private void onClosed() {
        closed = true;
        stopHeartbeat();
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private void armHeartbeat() {
        if (heartbeatMillis > 0) {
            heartbeatTimer = vertx.setPeriodic(heartbeatMillis, id -> {
                if (!closed && !response.writeQueueFull()) {
                    response.write(HEARTBEAT);
                }
            });
        }
    }

    private void stopHeartbeat() {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
        }
    }
}
