package dev.sluice.api.sse;

import dev.sluice.api.http.ErrorMapper;
import dev.sluice.api.http.ErrorShape;
import dev.sluice.api.http.HttpReplies;
import dev.sluice.api.http.OnContext;
import dev.sluice.ops.DeliveryMeters;
import dev.sluice.ops.StreamMetrics;
import dev.sluice.model.StreamEvent;
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
import java.util.Objects;
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
 * <p>A response may hold its head back until the stream's first output (text or a tool call) or
 * its end ({@link #deliverAfterFirstOutput}): a stream that fails before producing anything is
 * then answered with the HTTP status of its error (429, 502, 504, 400 for a policy block …, with
 * {@code Retry-After} when the upstream gave one) instead of a 200 whose body is an error, as
 * OpenAI answers. One subscription serves both the decision and the delivery. The head waits at
 * most {@code sluice.stream.first-output-wait}: a long time to first token (a reasoning model's prefill) must not
 * leave the connection silent past the idle timeouts of proxies and load balancers, so after it
 * the head goes out, heartbeats start, and a later failure ends the stream in-band.
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
    /** The error shape while the head is held back (deferred head), else null: the head went out. */
    private ErrorShape heldHead;
    /** Deferred head: whether the first output or the end arrived, and the error that came first if any. */
    private boolean headDecided;
    private StreamEvent.Error failedBeforeOutput;
    private ScheduledFuture<?> headDeadline;

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
        SseResponse sse = new SseResponse(vertx, context, response, encoder, meters, metrics, heartbeatMillis,
                afterSeq);
        OnContext.run(context, () -> {
            response.closeHandler(closed -> sse.onClosed());
            // Send the headers now, so EventSource clients see the stream open before the first token.
            sse.writeHead();
            events.subscribe().withSubscriber(sse);
        });
    }

    /**
     * Like {@link #deliver} for a stream read from its start, but the head waits for the first
     * output or the end: an error before any output is answered as an HTTP error in {@code shape}.
     */
    public static void deliverAfterFirstOutput(Vertx vertx, Context context, HttpServerResponse response,
                                               Multi<StreamEvent> events, SseEncoder encoder, DeliveryMeters meters,
                                               StreamMetrics metrics, long heartbeatMillis, long waitMillis,
                                               ErrorShape shape) {
        SseResponse sse = new SseResponse(vertx, context, response, encoder, meters, metrics, heartbeatMillis, -1);
        sse.heldHead = shape;
        OnContext.run(context, () -> {
            response.closeHandler(closed -> sse.onClosed());
            sse.armHeadDeadline(waitMillis);
            events.subscribe().withSubscriber(sse);
        });
    }

    /**
     * After {@code waitMillis} without output or end, the head goes out anyway (see the class
     * comment). Scheduled on the connection's event loop, as the heartbeat is, and for the same
     * reasons ({@link #armHeartbeat}): every stream with a deferred head arms and cancels one.
     */
    private void armHeadDeadline(long waitMillis) {
        if (waitMillis <= 0) {
            synchronized (this) {
                headDecided = true; // no waiting: the head goes out with the first flush, now
                scheduleFlush();
            }
            return;
        }
        ContextInternal internal = (ContextInternal) context;
        Handler<Void> release = v -> {
            synchronized (this) {
                if (heldHead != null && !headDecided) {
                    headDecided = true;
                    scheduleFlush();
                }
            }
        };
        headDeadline = internal.nettyEventLoop().schedule(() -> internal.emit(release), waitMillis,
                TimeUnit.MILLISECONDS);
    }

    private void writeHead() {
        response.setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .setChunked(true);
        response.write(Buffer.buffer(": stream\n\n"));
        armHeartbeat();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        if (subscription != null) {
            s.cancel(); // one subscription only (Reactive Streams §2.5)
            return;
        }
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
            if (heldHead != null && !headDecided) {
                if (event instanceof StreamEvent.Error error) {
                    headDecided = true;
                    failedBeforeOutput = error;
                } else {
                    headDecided = event instanceof StreamEvent.Text || event instanceof StreamEvent.ToolCall
                            || event.terminal();
                }
            }
            encoder.encode(event, pending);
            pendingEvents.add(event);
            scheduleFlush();
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        Objects.requireNonNull(failure, "failure"); // Reactive Streams §2.13
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
        StreamEvent.Error headError = null;
        ErrorShape headShape = null;
        synchronized (this) {
            flushScheduled = false;
            if (heldHead != null) {
                if (!headDecided && !terminated) {
                    return; // nothing to decide the head by yet: keep what came so far
                }
                headShape = heldHead;
                heldHead = null;
                headError = failedBeforeOutput;
                if (headError != null) {
                    ended = true;
                    pending.setLength(0);
                    pendingEvents.clear();
                }
            }
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
        if (headError != null) {
            answerWithError(headError, headShape);
            return;
        }
        if (headShape != null) {
            if (headDeadline != null) {
                headDeadline.cancel(false);
            }
            if (!closed) {
                writeHead();
            }
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
            meters.written(written, taken);
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

    /** The stream failed before any output: its error as the HTTP answer, nothing of the stream. */
    private void answerWithError(StreamEvent.Error error, ErrorShape shape) {
        if (headDeadline != null) {
            headDeadline.cancel(false);
        }
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        if (!closed) {
            if (error.retryAfter() != null) {
                response.putHeader("Retry-After", Long.toString(error.retryAfter()));
            }
            HttpReplies.error(response, ErrorMapper.fromStreamError(error.code(), error.message()), shape);
        }
    }

    /**
     * The frames' UTF-8 bytes, encoded straight from the builder into a buffer of their exact
     * size: no String and no second byte[] per write (toString then getBytes made both, and a
     * buffer that Vert.x did not allocate is wrapped once more on every write). The buffer comes
     * from Vert.x's own heap allocator, which Vert.x hands to Netty as it is.
     *
     * <p>{@code VertxByteBufAllocator} is Vert.x's impl package: no public Vert.x 4 API does this.
     * {@code Buffer.buffer(int)} allocates from the same allocator, but its public methods fill it
     * only from a String or bytes (the copies this avoids) or byte by byte ({@code appendByte}: a
     * hand-written UTF-8 loop over it took 1.4 to 1.9 times as long per frame as this, measured on
     * 50- and 130-character frames); a ByteBuf from any other allocator, given to
     * {@code Buffer.buffer(ByteBuf)}, is wrapped in {@code Unpooled.unreleasableBuffer} on every
     * write (Vert.x 4.5's {@code BufferImpl.getByteBuf} checks for its own heap buffer classes).
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
     *
     * <p>{@code ContextInternal} is Vert.x's impl package: no public Vert.x 4 API does this. The
     * public {@link Context} exposes neither its Netty event loop ({@code nettyEventLoop()}) nor a
     * way to run a handler on it from its own thread without a trip through its task queue
     * ({@code emit()}; {@link Context#runOnContext} queues); the public way to be called back on a
     * context later is the Vert.x timer ({@code setTimer}, {@code setPeriodic}) this avoids.
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
