package dev.sluice.provider.simulator;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A Vert.x that delegates everything and keeps track of the timers still pending, for cancel tests. */
final class RecordingTimers {

    final Set<Long> pending = ConcurrentHashMap.newKeySet();
    final AtomicInteger armed = new AtomicInteger();
    final Vertx vertx;

    @SuppressWarnings("unchecked")
    RecordingTimers(Vertx delegate) {
        this.vertx = (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {Vertx.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setTimer") && args.length == 2) {
                        Handler<Long> handler = (Handler<Long>) args[1];
                        // the lock keeps a fast timer from firing before it is recorded as pending
                        synchronized (pending) {
                            long id = delegate.setTimer((Long) args[0], fired -> {
                                synchronized (pending) {
                                    pending.remove(fired);
                                }
                                handler.handle(fired);
                            });
                            pending.add(id);
                            armed.incrementAndGet();
                            return id;
                        }
                    }
                    if (method.getName().equals("cancelTimer")) {
                        boolean cancelled = delegate.cancelTimer((Long) args[0]);
                        pending.remove((Long) args[0]);
                        return cancelled;
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
