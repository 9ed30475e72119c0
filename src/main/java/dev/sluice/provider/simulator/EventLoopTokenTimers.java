package dev.sluice.provider.simulator;

import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.concurrent.TimeUnit;

/**
 * Token timers that are what a Vert.x timer is underneath, without its bookkeeping: a task
 * scheduled on the Netty event loop of the subscribing context (the request's, so tokens are
 * produced on the thread that writes them) that runs the handler on that context. A Vert.x
 * timer per token would also add a timer-map entry and a close hook each, at tens of thousands
 * of tokens per second.
 */
final class EventLoopTokenTimers implements TokenTimers {

    private final Vertx vertx;

    EventLoopTokenTimers(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Timer create(Runnable onFire) {
        return new ContextTimer((ContextInternal) vertx.getOrCreateContext(), onFire);
    }

    private static final class ContextTimer implements Timer {

        private final ContextInternal context;
        /** Allocated once per stream, not per token. */
        private final Runnable fire;
        private volatile ScheduledFuture<?> pending;

        ContextTimer(ContextInternal context, Runnable onFire) {
            this.context = context;
            Handler<Void> onContext = v -> {
                pending = null;
                onFire.run();
            };
            this.fire = () -> context.emit(onContext);
        }

        @Override
        public void arm(long delayMillis) {
            pending = context.nettyEventLoop().schedule(fire, delayMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void cancel() {
            ScheduledFuture<?> scheduled = pending;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
