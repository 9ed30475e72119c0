package dev.sluice.provider.simulator;

import dev.sluice.model.Delta;
import dev.sluice.provider.ProviderException;
import dev.sluice.model.ErrorCode;
import io.smallrye.mutiny.helpers.Subscriptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays a {@link StreamPlan} as a cold, demand-respecting publisher: each token's raw bytes, then
 * usage, then finish. Pacing uses one timer per stream, armed for one token at a time (no thread
 * per stream, see {@link EventLoopTokenTimers}); a token that falls due while there is no demand
 * waits for demand. Cancelling stops the timer.
 */
final class PacedDeltaPublisher implements Flow.Publisher<Delta> {

    private final StreamPlan plan;
    private final TokenBytes tokens;
    private final TokenTimers timers;
    private final SimulatorStats stats;

    PacedDeltaPublisher(StreamPlan plan, TokenBytes tokens, TokenTimers timers, SimulatorStats stats) {
        this.plan = plan;
        this.tokens = tokens;
        this.timers = timers;
        this.stats = stats;
    }

    /**
     * When the token after one due at {@code dueAt} is due: one gap later, on the stream's own
     * grid, so timer lateness does not accumulate. A token that was late by a gap or more (it
     * waited for demand, or the event loop was held up) does not make the stream start afresh
     * from now: the missed slots are skipped and the stream keeps its phase. Starting afresh
     * put every stream held up by one pause (a GC, a busy loop) on the same phase, and from then
     * on a thousand paced streams produced in lockstep, each tick a burst. Skipping, rather than
     * catching up, also means a slow reader gets no burst of overdue tokens.
     *
     * @return the first slot of the stream's grid at or after {@code now}, at least one gap on
     */
    static long nextSlot(long dueAt, long gap, long now) {
        long next = dueAt + gap;
        if (next >= now) {
            return next;
        }
        long missed = (now - next + gap - 1) / gap;
        return next + missed * gap;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Delta> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Pacer pacer = new Pacer(subscriber);
        stats.onStarted();
        subscriber.onSubscribe(pacer);
        pacer.drain();
    }

    /**
     * One subscription. All emission happens inside {@link #drain()}, which the work-in-progress
     * counter serializes across the requesting thread and the timer's event loop; the fields
     * marked drain-only are touched nowhere else.
     */
    private final class Pacer implements Flow.Subscription {

        private final Flow.Subscriber<? super Delta> downstream;
        private final TokenTimers.Timer timer;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        /** Set by whichever of complete, fail and cancel comes first, so each is counted once. */
        private final AtomicBoolean terminated = new AtomicBoolean();
        private final Random random;
        private final int start;
        private final FailureKind failure;
        private final int failIndex;

        private volatile boolean cancelled;
        private volatile boolean due;
        private volatile Throwable badRequest;

        // drain-only
        private boolean begun;
        private boolean stalled;
        private int position;
        private long dueAtNanos;

        Pacer(Flow.Subscriber<? super Delta> downstream) {
            this.downstream = downstream;
            this.timer = timers.create(this::onTimer);
            this.random = new Random(plan.seed());
            this.start = plan.startOffset(random);
            this.failure = plan.drawFailure(random);
            this.failIndex = plan.failIndex();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("non-positive subscription request (Reactive Streams §3.9): "
                        + n);
            } else {
                Subscriptions.add(requested, n);
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            stopTimer();
            if (terminated.compareAndSet(false, true)) {
                stats.onCancelled();
            }
        }

        void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            while (emitReady()) {
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
            // terminated or cancelled: wip stays non-zero so no later drain runs
        }

        /** Emits what timing and demand allow; false once the stream terminated or was cancelled. */
        private boolean emitReady() {
            if (!begun) {
                begun = true;
                if (!begin()) {
                    return false;
                }
            }
            int count = plan.count();
            for (;;) {
                if (cancelled) {
                    return false;
                }
                Throwable bad = badRequest;
                if (bad != null) {
                    fail(bad);
                    return false;
                }
                if (stalled || !due) {
                    return true;
                }
                if (position == failIndex && failure == FailureKind.DROP) {
                    fail(failure(ErrorCode.UPSTREAM_ERROR, "simulated connection drop", null));
                    return false;
                }
                if (position == failIndex && failure == FailureKind.STALL) {
                    stalled = true;
                    return true;
                }
                if (position > count + 1) {
                    complete();
                    return false;
                }
                long r = requested.get();
                if (r == 0) {
                    return true;
                }
                Delta next = position < count ? token(position)
                        : position == count ? new Delta.Usage(plan.promptTokens(), plan.completionTokens())
                        : new Delta.Finish(plan.finish());
                position++;
                if (r != Long.MAX_VALUE) {
                    requested.decrementAndGet();
                }
                downstream.onNext(next);
                if (position < count) {
                    scheduleNext();
                }
            }
        }

        /** Fails at once for the failures that strike before the first token, else waits for ttft. */
        private boolean begin() {
            if (failure == FailureKind.RATE_LIMIT) {
                fail(failure(ErrorCode.UPSTREAM_RATE_LIMITED, "simulated rate limit", Duration.ofSeconds(1)));
                return false;
            }
            if (failure == FailureKind.SERVER_ERROR) {
                fail(failure(ErrorCode.UPSTREAM_ERROR, "simulated server error", null));
                return false;
            }
            dueAtNanos = System.nanoTime() + plan.ttftNanos();
            waitUntilDue();
            return true;
        }

        private Delta token(int index) {
            if (plan.script() != null) {
                return plan.script().get(index);
            }
            int[] source = plan.source();
            return Delta.Bytes.content(tokens.of(source[(int) ((start + (long) index) % source.length)]));
        }

        private void scheduleNext() {
            long gap = plan.nextGapNanos(random);
            if (gap == 0) {
                due = true;
                return;
            }
            dueAtNanos = nextSlot(dueAtNanos, gap, System.nanoTime());
            waitUntilDue();
        }

        private void waitUntilDue() {
            long delayNanos = dueAtNanos - System.nanoTime();
            long delayMillis = (delayNanos + 500_000) / 1_000_000;
            if (delayMillis <= 0) {
                due = true;
                return;
            }
            due = false;
            timer.arm(delayMillis);
            if (cancelled) {
                timer.cancel();
            }
        }

        private void onTimer() {
            due = true;
            drain();
        }

        private void stopTimer() {
            timer.cancel();
        }

        private void complete() {
            if (terminated.compareAndSet(false, true)) {
                stats.onCompleted();
                downstream.onComplete();
            }
        }

        /** A simulated failure: injected when the request asked for failures, else as a real upstream's. */
        private ProviderException failure(ErrorCode code, String message, Duration retryAfter) {
            return plan.failuresRequested() ? ProviderException.injected(code, message, retryAfter)
                    : new ProviderException(code, message, retryAfter, null);
        }

        private void fail(Throwable error) {
            stopTimer();
            if (terminated.compareAndSet(false, true)) {
                stats.onFailed();
                downstream.onError(error);
            }
        }
    }
}
