package dev.sluice.provider.simulator;

import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The simulator's real token timers, keeping track of the firings still pending, for cancel tests. */
final class RecordingTimers implements TokenTimers {

    /** One entry per stream whose timer is armed and has neither fired nor been cancelled. */
    final Set<Object> pending = ConcurrentHashMap.newKeySet();
    final AtomicInteger armed = new AtomicInteger();
    private final TokenTimers delegate;

    RecordingTimers(Vertx vertx) {
        this.delegate = new EventLoopTokenTimers(vertx);
    }

    @Override
    public Timer create(Runnable onFire) {
        Object key = new Object();
        Timer[] real = new Timer[1];
        real[0] = delegate.create(() -> {
            pending.remove(key);
            onFire.run();
        });
        return new Timer() {
            @Override
            public void arm(long delayMillis) {
                // recorded first, so a fast timer cannot fire before it counts as pending
                pending.add(key);
                armed.incrementAndGet();
                real[0].arm(delayMillis);
            }

            @Override
            public void cancel() {
                real[0].cancel();
                pending.remove(key);
            }
        };
    }
}
