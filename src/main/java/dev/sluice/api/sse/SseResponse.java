package dev.sluice.api.sse;

import dev.sluice.api.common.OnContext;
import dev.sluice.ops.DeliveryMeters;
import dev.sluice.ops.StreamMetrics;
import dev.sluice.stream.StreamEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.VertxByteBufAllocator;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Delivers one subscriber's events as Server-Sent Events on a Vert.x response, with
 * back-pressure: at most {@link #BATCH} events are requested ahead, more only while the
 * connection's write queue is below its high-water mark, else once it drained (so a client
 * that stops reading stops its own reads from the journal, and the producer never notices).
 * Events arriving together are written in one write. Idle connections get heartbeat comments.
 * Closing the connection cancels the subscription, which is how a disconnect reaches the
 * stream's grace-period cancel.
 *
 * <p>The hot path (one write per token per subscriber) allocates no promise, listener or
 * task per write: writes go without a completion handler and demand follows the queue's
 * writability, the flush task is one reusable handler, and the two event lists are swapped.
 */
public final class SseResponse implements MultiSubscriber<StreamEvent> {

    static final int BATCH = 128;
    private static final Buffer HEARTBEAT = Buffer.buffer(": ping\n\n");
    /** Write without a completion promise: Vert.x then uses Netty's shared void promise. */
    private static final Handler<AsyncResult<Void>> NO_COMPLETION = null;

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final SseEncoder encoder;
    private final DeliveryMeters meters;
    private final StreamMetrics metrics;
    private final long heartbeatMillis;
    private final StringBuilder pending = new StringBuilder();
    private final Handler<Void> flushTask = v -> flush();
    private final Handler<Void> drained = v -> onDrained();
    /** Events encoded into {@code pending}; swapped with {@code spareEvents} by each flush. */
    private List<StreamEvent> pendingEvents = new ArrayList<>();
    private List<StreamEvent> spareEvents = new ArrayList<>();
    private Flow.Subscription subscription;
    /** Context-only: demand held back while the write queue is full, and whether a drain handler waits. */
    private long owed;
    private boolean awaitingDrain;
    private boolean flushScheduled;
    private boolean ended;
    private boolean terminated;
    private long lastSeq = -1;
    private volatile ScheduledFuture<?> heartbeatTimer;
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
        OnContext.run(context, () -> {
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
            context.runOnContext(flushTask);
        }
    }

    private void flush() {
        Buffer bytes;
        List<StreamEvent> written;
        boolean end;
        synchronized (this) {
            flushScheduled = false;
            end = terminated && !ended;
            if (end) {
                encoder.finish(pending);
                ended = true;
            }
            bytes = pending.isEmpty() ? null : utf8(pending);
            pending.setLength(0);
            // Flushes run one at a time on the context, so the spare list was cleared by the last one.
            written = pendingEvents;
            pendingEvents = spareEvents;
            spareEvents = written;
        }
        if (closed) {
            written.clear();
            return;
        }
        int taken = written.size();
        if (bytes != null) {
            response.write(bytes, NO_COMPLETION);
        }
        if (meters != null) {
            for (int i = 0; i < taken; i++) {
                meters.written(written.get(i));
            }
        }
        written.clear();
        if (taken > 0) {
            giveBackDemand(taken);
        }
        if (end) {
            stopHeartbeat();
            response.end();
        }
    }

    /**
     * The frames' UTF-8 bytes, encoded straight from the builder into a buffer of their exact
     * size: no String and no second byte[] per write (toString then getBytes made both, and a
     * buffer that Vert.x did not allocate is wrapped once more on every write). The buffer comes
     * from Vert.x's own heap allocator, which Vert.x hands to Netty as it is.
     */
    private static Buffer utf8(CharSequence frames) {
        int length = ByteBufUtil.utf8Bytes(frames);
        ByteBuf out = VertxByteBufAllocator.DEFAULT.heapBuffer(length, length);
        ByteBufUtil.reserveAndWriteUtf8(out, frames, length);
        return Buffer.buffer(out);
    }

    /**
     * Asks for as many events as were just written, unless the connection's write queue is
     * full: then only once it drained, so a client that stops reading stops its own reads from
     * the journal and at most the queue's high-water mark (plus one batch) piles up here.
     */
    private void giveBackDemand(int taken) {
        if (awaitingDrain || response.writeQueueFull()) {
            owed += taken;
            if (!awaitingDrain) {
                awaitingDrain = true;
                response.drainHandler(drained);
            }
            return;
        }
        subscription.request(taken);
    }

    private void onDrained() {
        awaitingDrain = false;
        long n = owed;
        owed = 0;
        if (n > 0 && !closed) {
            subscription.request(n);
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

    /**
     * A fixed-rate task on the connection's own event loop rather than a Vert.x periodic timer:
     * every stream arms and cancels one, and the Vert.x timer's bookkeeping (timer map, close
     * hook) showed up in profiles at a thousand streams. Like a Vert.x timer, the task runs the
     * beat on the context right away (no hop through the task queue), so once the flush that ends
     * the response has stopped it, no beat can follow the end.
     */
    private void armHeartbeat() {
        if (heartbeatMillis > 0) {
            ContextInternal internal = (ContextInternal) context;
            Handler<Void> beat = v -> {
                if (heartbeatTimer != null && !closed && !response.writeQueueFull()) {
                    response.write(HEARTBEAT, NO_COMPLETION);
                }
            };
            heartbeatTimer = internal.nettyEventLoop().scheduleAtFixedRate(
                    () -> internal.emit(beat), heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void stopHeartbeat() {
        ScheduledFuture<?> timer = heartbeatTimer;
        if (timer != null) {
            timer.cancel(false);
            heartbeatTimer = null;
        }
    }
}
