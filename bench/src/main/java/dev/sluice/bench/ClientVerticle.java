package dev.sluice.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * One event loop's share of the streams. Each instance owns its HTTP client, so its
 * connections stay on its event loop and the load spreads evenly over the loops.
 */
final class ClientVerticle extends AbstractVerticle {

    private final BenchOptions options;
    private final LoadMetrics metrics;
    private final RunState run;
    private final int slotCount;
    private final List<StreamSlot> slots = new ArrayList<>();
    private HttpClient client;

    ClientVerticle(BenchOptions options, LoadMetrics metrics, RunState run, int slotCount) {
        this.options = options;
        this.metrics = metrics;
        this.run = run;
        this.slotCount = slotCount;
    }

    @Override
    public void start() {
        HttpClientOptions clientOptions = new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout(30_000)
                .setIdleTimeout(0);
        // One connection per concurrent SSE stream; waiting requests would distort time to first token.
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(Math.max(1, slotCount)).setMaxWaitQueueSize(-1);
        client = vertx.createHttpClient(clientOptions, pool);
        System.err.printf("[%s] %s runs %d streams%n", options.label(), Thread.currentThread().getName(), slotCount);
        long rampMs = options.rampSeconds() * 1000L;
        for (int i = 0; i < slotCount; i++) {
            StreamSlot slot = new StreamSlot(vertx, client, options, metrics, run);
            slots.add(slot);
            long delay = slotCount > 1 ? rampMs * i / slotCount : 0;
            if (delay < 1) {
                slot.open();
            } else {
                vertx.setTimer(delay, id -> slot.open());
            }
        }
    }

    /** Resets every stream still open, on this verticle's own event loop; called when the run ends. */
    void closeAll() {
        context.runOnContext(v -> slots.forEach(StreamSlot::close));
    }
}
