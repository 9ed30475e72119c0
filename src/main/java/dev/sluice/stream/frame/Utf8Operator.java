package dev.sluice.stream.frame;

import dev.sluice.provider.Delta;
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

/**
 * {@link Utf8Stage} as a Mutiny operator: each upstream delta makes zero, one or a few outputs,
 * delivered only as the downstream asks. It replaces {@code transformToIterable}, which built a
 * list, an inner Multi and its subscription for every token; at a thousand paced streams those
 * were a tenth of what the gateway allocated.
 *
 * <p>Demand: the upstream is asked for what the downstream asked, less what is already asked
 * or queued, so a delta that makes no output is replaced at once and one that makes several
 * does not make the upstream run ahead. Outputs go through a queue drained by one thread at a
 * time (the work-in-progress counter), whichever thread signalled.
 */
final class Utf8Operator extends AbstractMultiOperator<Delta, Delta> {

    Utf8Operator(Multi<? extends Delta> upstream) {
        super(upstream);
    }

    @Override
    public void subscribe(MultiSubscriber<? super Delta> downstream) {
        upstream.subscribe().withSubscriber(new Processor(downstream));
    }

    private static final class Processor extends MultiOperatorProcessor<Delta, Delta> {

        private final Utf8Stage stage = new Utf8Stage();
        /** Filled only by the upstream's signals (one producer), emptied only inside drain. */
        private final Queue<Delta> queue = Queues.createSpscUnboundedQueue(16);
        private final Consumer<Delta> enqueue = queue::offer;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        /** Deltas asked of the upstream and not yet received, unless {@link #unbounded}. */
        private final AtomicLong outstanding = new AtomicLong();
        /** Drain-only: the upstream was asked for everything, once. */
        private boolean unbounded;
        private volatile boolean upstreamEnded;
        private Throwable failure;

        Processor(MultiSubscriber<? super Delta> downstream) {
            super(downstream);
        }

        @Override
        public void onItem(Delta item) {
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

        /** Outputs already made are delivered first; bytes of an unfinished character are dropped. */
        @Override
        public void onFailure(Throwable error) {
            if (!isDone()) {
                end(error);
            }
        }

        /** What is still incomplete is flushed (as U+FFFD) before the completion. */
        @Override
        public void onCompletion() {
            if (!isDone()) {
                stage.flush(enqueue);
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
                onFailure(Subscriptions.getInvalidRequestException());
                return;
            }
            Subscriptions.add(requested, n);
            drain();
        }

        @Override
        public void cancel() {
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
            for (;;) {
                long r = requested.get();
                long emitted = 0;
                while (emitted != r) {
                    if (isCancelled()) {
                        queue.clear();
                        return;
                    }
                    Delta next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    downstream.onItem(next);
                    emitted++;
                }
                if (isCancelled()) {
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
                if (emitted > 0 && r != Long.MAX_VALUE) {
                    r = requested.addAndGet(-emitted);
                }
                askUpstream(r);
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /** Tops the upstream's demand up to the downstream's, counting what is already asked or queued. */
        private void askUpstream(long downstreamDemand) {
            if (upstreamEnded || unbounded) {
                return;
            }
            if (downstreamDemand == Long.MAX_VALUE) {
                unbounded = true;
                getUpstreamSubscription().request(Long.MAX_VALUE);
                return;
            }
            long more = downstreamDemand - outstanding.get() - queue.size();
            if (more > 0) {
                outstanding.addAndGet(more);
                getUpstreamSubscription().request(more);
            }
        }
    }
}
