package dev.sluice.provider.http;

import dev.sluice.provider.ProviderException;
import dev.sluice.model.ErrorCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fails a provider stream with {@code upstream_timeout} when the first item takes longer than
 * the first-token timeout, two items are further apart than the gap timeout, or the whole
 * stream outlasts the total timeout; the upstream subscription is cancelled, which closes its
 * connection. Mutiny's {@code ifNoItem()} has one duration for every item, so the first-token
 * and gap deadlines need this small wrapper.
 *
 * <p>The gap deadline is lazy: an item only records when it arrived, and the one scheduled check
 * per stream, when it fires, either expires the stream or re-arms itself for the rest of the gap.
 * Re-scheduling on every item (the obvious way) put a task into the scheduler's queue and
 * cancelled one per token; cancelled tasks stay queued until their due time, so at a few
 * hundred thousand tokens a second the queue held millions of dead 30-second tasks.
 */
public final class UpstreamTimeouts {

    private UpstreamTimeouts() {}

    public static <T> Multi<T> apply(Multi<T> upstream, String provider, TimeoutPolicy policy) {
        return apply(upstream, provider, policy, Infrastructure.getDefaultWorkerPool());
    }

    static <T> Multi<T> apply(Multi<T> upstream, String provider, TimeoutPolicy policy,
                              ScheduledExecutorService timer) {
        return Multi.createFrom().emitter(emitter -> new Watch<>(emitter, upstream, provider, policy, timer).start());
    }

    /** One subscription's deadlines. */
    private static final class Watch<T> {

        private final MultiEmitter<? super T> emitter;
        private final Multi<T> upstream;
        private final String provider;
        private final TimeoutPolicy policy;
        private final ScheduledExecutorService timer;
        private final long gapNanos;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicReference<Cancellable> subscription = new AtomicReference<>();
        private volatile ScheduledFuture<?> itemDeadline;
        private volatile ScheduledFuture<?> total;
        /** System.nanoTime of the latest item; 0 until the first. */
        private volatile long lastItem;

        Watch(MultiEmitter<? super T> emitter, Multi<T> upstream, String provider, TimeoutPolicy policy,
              ScheduledExecutorService timer) {
            this.emitter = emitter;
            this.upstream = upstream;
            this.provider = provider;
            this.policy = policy;
            this.timer = timer;
            this.gapNanos = policy.gap().toNanos();
        }

        void start() {
            total = schedule(policy.total().toNanos(), () -> expire(
                    "no complete answer within the total timeout of " + policy.total().toSeconds() + "s"));
            itemDeadline = schedule(policy.firstToken().toNanos(), this::checkItems);
            emitter.onTermination(() -> {
                finished.set(true);
                stop();
            });
            subscription.set(upstream.subscribe().with(this::item, this::failed, this::completed));
            if (finished.get()) {
                stop(); // expired or cancelled before the subscription was known
            }
        }

        private void item(T item) {
            if (finished.get()) {
                return;
            }
            boolean first = lastItem == 0;
            lastItem = System.nanoTime();
            if (first) {
                // From now on the gap timeout applies, which may be shorter than the first-token one.
                cancel(itemDeadline);
                itemDeadline = schedule(gapNanos, this::checkItems);
            }
            emitter.emit(item);
        }

        /** The item deadline fired: expire, or wait for the rest of the gap since the latest item. */
        private void checkItems() {
            if (finished.get()) {
                return;
            }
            long last = lastItem;
            if (last == 0) {
                expire("no first token within " + policy.firstToken().toMillis() + "ms");
                return;
            }
            long quiet = System.nanoTime() - last;
            if (quiet >= gapNanos) {
                expire("no token for " + policy.gap().toMillis() + "ms (gap timeout)");
            } else {
                itemDeadline = schedule(gapNanos - quiet, this::checkItems);
            }
        }

        private void failed(Throwable failure) {
            if (finished.compareAndSet(false, true)) {
                cancelTimers();
                emitter.fail(failure);
            }
        }

        private void completed() {
            if (finished.compareAndSet(false, true)) {
                cancelTimers();
                emitter.complete();
            }
        }

        private void expire(String what) {
            if (finished.compareAndSet(false, true)) {
                stop();
                emitter.fail(new ProviderException(ErrorCode.UPSTREAM_TIMEOUT, "provider '" + provider + "': " + what));
            }
        }

        private void stop() {
            cancelTimers();
            Cancellable s = subscription.get();
            if (s != null) {
                s.cancel();
            }
        }

        private void cancelTimers() {
            cancel(total);
            cancel(itemDeadline);
        }

        private ScheduledFuture<?> schedule(long nanos, Runnable action) {
            return timer.schedule(action, nanos, TimeUnit.NANOSECONDS);
        }

        private static void cancel(ScheduledFuture<?> f) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
