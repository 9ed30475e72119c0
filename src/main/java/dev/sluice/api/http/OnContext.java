package dev.sluice.api.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Continues a request's work on its Vert.x context: right away when the caller is already on
 * that context, else through the context's task queue.
 *
 * <p>With the memory store, every step of a stream start (admission, start, the first delivery)
 * completes synchronously on the request's event loop. Each trip through the queue still waited
 * behind whatever the loop had queued: paced tokens' timers and flushes. A start made four such
 * trips, so under load its time to first token had several times the lateness of a token gap.
 * Steps that complete on other threads (the Redis store's client) still go through the queue.
 */
public final class OnContext {

    private OnContext() {}

    public static void run(Context context, Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
