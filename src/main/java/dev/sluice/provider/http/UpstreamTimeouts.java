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
 * <p>All three deadlines share one lazy check per stream: an item only records when it arrived,
 * and the check, scheduled once at the earliest deadline, either expires the stream or re-arms
 * itself for the earliest deadline still ahead. A stream shorter than the gap timeout thus costs
 * one schedule and one cancel. Re-scheduling on every item (the obvious way) put a task into the
 * scheduler's queue and cancelled one per token; cancelled tasks stay queued until their due
 * time, so at a few hundred thousand tokens a second the queue held millions of dead 30-second
 * tasks; and a timer per deadline still cost three schedules and three cancels per stream.
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
        private final long firstTokenNanos;
        private final long gapNanos;
        private final long totalNanos;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicReference<Cancellable> subscription = new AtomicReference<>();
        /** The one pending check; replaced only by the check itself, so item() never touches it. */
        private volatile ScheduledFuture<?> check;
        private long startNanos;
        /** System.nanoTime of the latest item; 0 until the first. */
        private volatile long lastItem;

        Watch(MultiEmitter<? super T> emitter, Multi<T> upstream, String provider, TimeoutPolicy policy,
              ScheduledExecutorService timer) {
            this.emitter = emitter;
            this.upstream = upstream;
            this.provider = provider;
            this.policy = policy;
            this.timer = timer;
            this.firstTokenNanos = policy.firstToken().toNanos();
            this.gapNanos = policy.gap().toNanos();
            this.totalNanos = policy.total().toNanos();
        }

        void start() {
            startNanos = System.nanoTime();
            // The earliest moment any deadline can pass; a gap can only end after an item, so
            // before the first one the gap timeout, when shorter, is just an earlier look.
            check = schedule(Math.min(totalNanos, Math.min(firstTokenNanos, gapNanos)));
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
            lastItem = System.nanoTime();
            emitter.emit(item);
        }

        /** A deadline may have passed: expire, or look again when the earliest one still ahead is due. */
        private void check() {
            if (finished.get()) {
                return;
            }
            long now = System.nanoTime();
            long last = lastItem;
            long total = startNanos + totalNanos;
            if (now - total >= 0) {
                expire("no complete answer within the total timeout of " + policy.total().toSeconds() + "s");
                return;
            }
            long next;
            if (last == 0) {
                next = startNanos + firstTokenNanos;
                if (now - next >= 0) {
                    expire("no first token within " + policy.firstToken().toMillis() + "ms");
                    return;
                }
            } else {
                next = last + gapNanos;
                if (now - next >= 0) {
                    expire("no token for " + policy.gap().toMillis() + "ms (gap timeout)");
                    return;
                }
            }
            if (last == 0 && gapNanos < firstTokenNanos) {
                next = Math.min(next, now + gapNanos); // the first item may come meanwhile
            }
            check = schedule(Math.max(1, Math.min(next, total) - now));
            if (finished.get()) {
                cancel(check); // ended while re-arming
            }
        }

        private void failed(Throwable failure) {
            if (finished.compareAndSet(false, true)) {
                cancel(check);
                emitter.fail(failure);
            }
        }

        private void completed() {
            if (finished.compareAndSet(false, true)) {
                cancel(check);
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
            cancel(check);
            Cancellable s = subscription.get();
            if (s != null) {
                s.cancel();
            }
        }

        private ScheduledFuture<?> schedule(long nanos) {
            return timer.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
        }

        private static void cancel(ScheduledFuture<?> f) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
