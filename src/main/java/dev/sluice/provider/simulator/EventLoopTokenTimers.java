package dev.sluice.provider.simulator;

import io.netty.channel.EventLoop;
import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Token timers that are what a Vert.x timer is underneath, without its bookkeeping: tasks
 * scheduled on the Netty event loop of the subscribing context (the request's, so tokens are
 * produced on the thread that writes them) that run the handler on that context.
 *
 * <p>Timers armed on their event loop share one scheduled task per millisecond: at a thousand
 * paced streams a loop has dozens of tokens due in each millisecond, and one scheduled task
 * (heap insert, removal, allocation) per token showed in profiles. A timer armed from another
 * thread gets a task of its own. Cancelling is lazy for shared ticks: the timer is skipped when
 * its tick fires (a firing that races a cancel from another thread may still run, which the
 * simulator tolerates: a cancelled stream ignores it).
 *
 * <p>{@code ContextInternal} is Vert.x's impl package: no public Vert.x 4 API does this. The public
 * {@link io.vertx.core.Context} exposes neither the Netty event loop it runs on
 * ({@code nettyEventLoop()}, which the shared ticks are kept per) nor a way to run a handler on it,
 * from that loop's thread, without a trip through its task queue ({@code emit()};
 * {@code runOnContext} queues, and allocates a task per call). The public alternative for the
 * whole class is a Vert.x timer per token ({@code vertx.setTimer}), the bookkeeping it exists to
 * avoid: arming and cancelling one took about twice as long as a bare event-loop task (80 against
 * 35 ns, a million of each on an event loop), before the sharing of ticks.
 */
final class EventLoopTokenTimers implements TokenTimers {

    private static final long NOT_ARMED = Long.MIN_VALUE;

    private final Vertx vertx;
    /** Each event loop's shared ticks, touched only by that loop's thread. */
    private final FastThreadLocal<Ticks> ticks = new FastThreadLocal<>();

    EventLoopTokenTimers(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Timer create(Runnable onFire) {
        return new ContextTimer((ContextInternal) vertx.getOrCreateContext(), onFire);
    }

    private Ticks ticksOf(EventLoop loop) {
        Ticks t = ticks.get();
        if (t == null) {
            t = new Ticks(loop);
            ticks.set(t);
        }
        return t;
    }

    /** The timers due in each upcoming millisecond of one event loop, one scheduled task per millisecond. */
    private static final class Ticks {

        private final EventLoop loop;
        private final LongObjectHashMap<List<ContextTimer>> due = new LongObjectHashMap<>();

        Ticks(EventLoop loop) {
            this.loop = loop;
        }

        void add(ContextTimer timer, long delayMillis) {
            long tick = System.nanoTime() / 1_000_000 + delayMillis;
            timer.armedTick = tick;
            List<ContextTimer> timers = due.get(tick);
            if (timers == null) {
                timers = new ArrayList<>();
                due.put(tick, timers);
                loop.schedule(() -> fire(tick), delayMillis, TimeUnit.MILLISECONDS);
            }
            timers.add(timer);
        }

        private void fire(long tick) {
            List<ContextTimer> timers = due.remove(tick);
            if (timers == null) {
                return;
            }
            for (ContextTimer timer : timers) {
                if (timer.armedTick == tick) {
                    timer.armedTick = NOT_ARMED;
                    timer.fire.run();
                }
            }
        }
    }

    private final class ContextTimer implements Timer {

        private final ContextInternal context;
        /** Allocated once per stream, not per token. */
        private final Runnable fire;
        /** The shared tick this timer waits for, or NOT_ARMED. */
        private volatile long armedTick = NOT_ARMED;
        /** A task of its own, when armed off its event loop. */
        private volatile ScheduledFuture<?> pending;

        ContextTimer(ContextInternal context, Runnable onFire) {
            this.context = context;
            Handler<Void> onContext = v -> onFire.run();
            this.fire = () -> context.emit(onContext);
        }

        @Override
        public void arm(long delayMillis) {
            EventLoop loop = context.nettyEventLoop();
            if (loop.inEventLoop()) {
                ticksOf(loop).add(this, delayMillis);
            } else {
                pending = loop.schedule(() -> {
                    pending = null;
                    fire.run();
                }, delayMillis, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void cancel() {
            armedTick = NOT_ARMED;
            ScheduledFuture<?> scheduled = pending;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
