package dev.sluice.flow;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.Subscriptions;
import io.smallrye.mutiny.helpers.queues.Queues;
import io.smallrye.mutiny.operators.multi.AbstractMultiOperator;
import io.smallrye.mutiny.operators.multi.MultiOperatorProcessor;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs an {@link Expander} as a Mutiny operator: each upstream item makes zero, one or several
 * outputs, delivered only as the downstream asks. It replaces {@code transformToIterable}, which
 * builds a list, an inner Multi and its subscription for every item; on a token stream those
 * were a large share of what the gateway allocated per token.
 *
 * <p>Demand: the upstream is asked for what the downstream asked, less what is already asked
 * or queued, so an item that makes no output is replaced at once and one that makes several
 * does not make the upstream run ahead. Outputs go through a queue drained by one thread at a
 * time (the work-in-progress counter), whichever thread signalled. The upstream is asked after
 * the drain let go, one request at a time (a second counter): an upstream that emits inside
 * {@code request} then has its items delivered as they come, rather than queued until its request
 * returned (with unbounded demand, never). A failure of the expander cancels the upstream and
 * fails the stream after the outputs already made; an upstream failure is passed on after them
 * too. A request for no items (Reactive Streams §3.9) cancels the upstream and fails the stream.
 */
public final class ExpandOperator<I, O> extends AbstractMultiOperator<I, O> {

    private final Supplier<? extends Expander<I, O>> expanders;

    private ExpandOperator(Multi<? extends I> upstream, Supplier<? extends Expander<I, O>> expanders) {
        super(upstream);
        this.expanders = expanders;
    }

    /** The upstream with a fresh expander per subscription. */
    public static <I, O> Multi<O> apply(Multi<I> upstream, Supplier<? extends Expander<I, O>> expanders) {
        return upstream.plug(up -> new ExpandOperator<>(up, expanders));
    }

    @Override
    public void subscribe(MultiSubscriber<? super O> downstream) {
        upstream.subscribe().withSubscriber(new Processor<>(downstream, expanders.get()));
    }

    private static final class Processor<I, O> extends MultiOperatorProcessor<I, O> {

        private final Expander<I, O> stage;
        /** Filled only by the upstream's signals (one producer), emptied only inside drain. */
        private final Queue<O> queue = Queues.createSpscUnboundedQueue(16);
        private final Consumer<O> enqueue;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        /** Items asked of the upstream and not yet received, unless {@link #unbounded}. */
        private final AtomicLong outstanding = new AtomicLong();
        /** Demand the drain decided to pass upstream and no request has carried yet. */
        private final AtomicLong toAsk = new AtomicLong();
        /** Serializes the requests to the upstream (Reactive Streams §2.7), whichever thread drained. */
        private final AtomicInteger asking = new AtomicInteger();
        /** The IllegalArgumentException of a request for no items, for the drain to signal. */
        private volatile Throwable badRequest;
        /** Drain-only: the upstream was asked for everything, once. */
        private boolean unbounded;
        private volatile boolean upstreamEnded;
        /**
         * The downstream cancelled. Not {@code isCancelled()}: that is also set when this operator
         * cancels its upstream because the expander failed, and the failure must still go down.
         */
        private volatile boolean downstreamCancelled;
        private Throwable failure;

        Processor(MultiSubscriber<? super O> downstream, Expander<I, O> stage) {
            super(downstream);
            this.stage = stage;
            this.enqueue = queue::offer;
        }

        @Override
        public void onItem(I item) {
            if (isDone()) {
                return;
            }
            outstanding.decrementAndGet();
            try {
                stage.accept(item, enqueue);
            } catch (RuntimeException e) {
                cancelUpstream();
                end(e);
                return;
            }
            drain();
        }

        /** Outputs already made are delivered first. */
        @Override
        public void onFailure(Throwable error) {
            if (!isDone()) {
                try {
                    stage.beforeFailure(enqueue);
                } catch (RuntimeException e) {
                    // What the step found while letting go (a masking block) is the stream's failure.
                    e.addSuppressed(error);
                    end(e);
                    return;
                }
                end(error);
            }
        }

        /** What the expander held for the end is delivered before the completion (or its failure). */
        @Override
        public void onCompletion() {
            if (!isDone()) {
                try {
                    stage.finish(enqueue);
                } catch (RuntimeException e) {
                    end(e);
                    return;
                }
                end(null);
            }
        }

        private void end(Throwable error) {
            failure = error;
            upstreamEnded = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                // Signalled by the drain, serialized with the outputs; not through onFailure, which
                // would run the expander on this thread while the upstream's may be in it.
                badRequest = new IllegalArgumentException(
                        "non-positive subscription request (Reactive Streams §3.9): " + n);
                drain();
                return;
            }
            Subscriptions.add(requested, n);
            drain();
        }

        @Override
        public void cancel() {
            downstreamCancelled = true;
            super.cancel();
            if (wip.getAndIncrement() == 0) {
                queue.clear();
            }
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            long ask = 0;
            for (;;) {
                if (downstreamCancelled) {
                    queue.clear();
                    return;
                }
                Throwable bad = badRequest;
                if (bad != null) {
                    queue.clear();
                    cancelUpstream();
                    downstream.onFailure(bad);
                    return;
                }
                long r = requested.get();
                long emitted = 0;
                while (emitted != r) {
                    if (downstreamCancelled) {
                        queue.clear();
                        return;
                    }
                    O next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    downstream.onItem(next);
                    emitted++;
                }
                if (downstreamCancelled) {
                    queue.clear();
                    return;
                }
                if (upstreamEnded && queue.isEmpty()) {
                    Throwable error = failure;
                    if (error != null) {
                        downstream.onFailure(error);
                    } else {
                        downstream.onCompletion();
                    }
                    return;
                }
                if (emitted > 0) {
                    // leaves an unbounded demand unbounded, even one that came during this pass
                    r = Subscriptions.produced(requested, emitted);
                }
                ask = plus(ask, upstreamShortfall(r));
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    break;
                }
            }
            if (ask != 0) {
                askUpstream(ask);
            }
        }

        /**
         * What the upstream must be asked for to top its demand up to the downstream's, counting
         * what is already asked or queued; counted as asked from here on. Drain-only.
         */
        private long upstreamShortfall(long downstreamDemand) {
            if (upstreamEnded || unbounded) {
                return 0;
            }
            if (downstreamDemand == Long.MAX_VALUE) {
                unbounded = true;
                return Long.MAX_VALUE;
            }
            long more = downstreamDemand - outstanding.get() - queue.size();
            if (more > 0) {
                outstanding.addAndGet(more);
                return more;
            }
            return 0;
        }

        /** Passes {@code n} more upstream, one request at a time, outside the drain. */
        private void askUpstream(long n) {
            Subscriptions.add(toAsk, n);
            if (asking.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            for (;;) {
                long more = toAsk.getAndSet(0);
                if (more != 0) {
                    getUpstreamSubscription().request(more);
                }
                missed = asking.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private static long plus(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }
}
