package dev.sluice.store.memory;

import dev.sluice.model.ErrorCode;
import dev.sluice.model.StreamEvent;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber's cursor over a {@link MemoryStreamLog}: replay, then live. It buffers nothing:
 * events are taken from the log only when the subscriber has demand, so a slow subscriber
 * costs no memory beyond the log itself. It is cut off with {@code slow_consumer} once it falls
 * more than {@code maxLag} events further behind live than the closest it has been: a live
 * subscriber may lag {@code maxLag}, and one that starts far behind (a replay, a late join) is
 * judged by whether it keeps up, not by the backlog it was given.
 */
final class MemoryJournalReader implements Flow.Subscription {

    private final MemoryStreamLog log;
    private final Flow.Subscriber<? super StreamEvent> downstream;
    private final int maxLag;
    private final Runnable onSlow;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile long cursor;
    private volatile boolean slow;
    /** The smallest lag seen so far; only the producer thread touches it. */
    private long minLag = Long.MAX_VALUE;
    private volatile boolean finished;
    private volatile Throwable badRequest;

    MemoryJournalReader(MemoryStreamLog log, Flow.Subscriber<? super StreamEvent> downstream, long afterSeq,
                        int maxLag, Runnable onSlow) {
        this.log = log;
        this.downstream = downstream;
        this.cursor = afterSeq + 1;
        this.maxLag = maxLag;
        this.onSlow = onSlow;
    }

    void start() {
        log.addReader(this);
        downstream.onSubscribe(this);
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            // Signalled by the drain: serialized with the onNext an append may be making on
            // another thread, and not at all once the subscription was cancelled or completed.
            badRequest = new IllegalArgumentException("non-positive subscription request (Reactive Streams §3.9): "
                    + n);
            drain();
            return;
        }
        requested.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        drain();
    }

    @Override
    public void cancel() {
        finish();
    }

    void onAppend(long lastSeq) {
        long lag = lastSeq - cursor;
        minLag = Math.min(minLag, lag);
        if (!slow && !finished && lag - Math.max(minLag, 0) >= maxLag) {
            slow = true;
        }
        drain();
    }

    private void finish() {
        finished = true;
        log.removeReader(this);
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Throwable bad = badRequest;
            if (bad != null && !finished) {
                finish();
                downstream.onError(bad);
                return;
            }
            long r = requested.get();
            long emitted = 0;
            while (emitted != r && !finished) {
                if (slow) {
                    finish();
                    onSlow.run();
                    downstream.onNext(slowConsumerNotice());
                    downstream.onComplete();
                    return;
                }
                StreamEvent event = log.get(cursor);
                if (event == null) {
                    if (log.ended() && cursor > log.lastSeq()) {
                        // Resumed after the terminal event: nothing more will ever come.
                        finish();
                        downstream.onComplete();
                        return;
                    }
                    break;
                }
                cursor = event.seq() + 1;
                emitted++;
                downstream.onNext(event);
                if (event.terminal()) {
                    finish();
                    downstream.onComplete();
                    return;
                }
            }
            if (emitted != 0 && r != Long.MAX_VALUE) {
                requested.addAndGet(-emitted);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private StreamEvent slowConsumerNotice() {
        StreamEvent last = log.get(log.lastSeq());
        return new StreamEvent.Error(log.streamId, StreamEvent.UNSEQUENCED, last == null ? 0 : last.at(),
                ErrorCode.SLOW_CONSUMER, "This subscriber fell more than " + maxLag
                + " events behind the stream and was disconnected; resume after the last seq you received.",
                true);
    }
}
