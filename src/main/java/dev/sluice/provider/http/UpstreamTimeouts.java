package dev.sluice.provider.http;

import dev.sluice.provider.ProviderException;
import dev.sluice.stream.ErrorCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
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
 */
public final class UpstreamTimeouts {

    private UpstreamTimeouts() {}

    public static <T> Multi<T> apply(Multi<T> upstream, String provider, TimeoutPolicy policy) {
        return apply(upstream, provider, policy, Infrastructure.getDefaultWorkerPool());
    }

    static <T> Multi<T> apply(Multi<T> upstream, String provider, TimeoutPolicy policy,
                              ScheduledExecutorService timer) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicBoolean finished = new AtomicBoolean();
            AtomicReference<Cancellable> subscription = new AtomicReference<>();
            AtomicReference<ScheduledFuture<?>> itemDeadline = new AtomicReference<>();
            Runnable stop = () -> {
                cancel(itemDeadline.get());
                Cancellable s = subscription.get();
                if (s != null) {
                    s.cancel();
                }
            };
            java.util.function.Function<String, Runnable> expire = what -> () -> {
                if (finished.compareAndSet(false, true)) {
                    stop.run();
                    emitter.fail(new ProviderException(ErrorCode.UPSTREAM_TIMEOUT,
                            "provider '" + provider + "': " + what));
                }
            };
            ScheduledFuture<?> total = schedule(timer, policy.total(), expire.apply(
                    "no complete answer within the total timeout of " + policy.total().toSeconds() + "s"));
            itemDeadline.set(schedule(timer, policy.firstToken(), expire.apply(
                    "no first token within " + policy.firstToken().toMillis() + "ms")));
            Runnable gap = expire.apply("no token for " + policy.gap().toMillis() + "ms (gap timeout)");
            emitter.onTermination(() -> {
                finished.set(true);
                cancel(total);
                stop.run();
            });
            subscription.set(upstream.subscribe().with(
                    item -> {
                        if (!finished.get()) {
                            cancel(itemDeadline.getAndSet(schedule(timer, policy.gap(), gap)));
                            emitter.emit(item);
                        }
                    },
                    failure -> {
                        if (finished.compareAndSet(false, true)) {
                            cancel(total);
                            cancel(itemDeadline.get());
                            emitter.fail(failure);
                        }
                    },
                    () -> {
                        if (finished.compareAndSet(false, true)) {
                            cancel(total);
                            cancel(itemDeadline.get());
                            emitter.complete();
                        }
                    }));
            if (finished.get()) {
                stop.run(); // expired or cancelled before the subscription was known
            }
        });
    }

    private static ScheduledFuture<?> schedule(ScheduledExecutorService timer, Duration after, Runnable action) {
        return timer.schedule(action, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
