package dev.sluice.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor under Sluice's pacing figures: a bare Vert.x server that answers
 * {@code POST /v1/streams} with the same SSE frames Sluice writes (start, one delta per token,
 * usage, done; the same headers, chunked, one write per event) on the same per-stream pacing
 * grid, and does nothing else: no simulator, journal, masking, metrics or JSON encoding per
 * token. Run against it, the load generator measures what this machine (loopback TCP, the
 * scheduler, the generator itself) costs before Sluice does any work, so a figure for Sluice
 * can be read against it. {@code BENCH_SERVER=floor bash bench/run.sh pacing-1000-ascii}.
 *
 * <pre>java -cp sluice-bench.jar dev.sluice.bench.FloorServer --port P --management-port M [--event-loops N] [--work-us U]</pre>
 *
 * <p>{@code --work-us} spins that many microseconds per token, to ask whether Sluice's p99 is
 * what its CPU per token would give on this machine ({@code FLOOR_ARGS="--work-us 5"}).
 */
public final class FloorServer extends AbstractVerticle {

    private static final AtomicLong STREAMS = new AtomicLong();
    private final int port;
    /** CPU burnt per token before its write: the floor with Sluice's CPU cost but none of its structure. */
    private final long workNanos;

    private FloorServer(int port, long workNanos) {
        this.port = port;
        this.workNanos = workNanos;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> values = CommandLineArgs.pairs(args);
        int port = CommandLineArgs.intArg(values, "port", 8080, 1, 65_535);
        int managementPort = CommandLineArgs.intArg(values, "management-port", 9000, 1, 65_535);
        // Quarkus's default: two event loops per core.
        int loops = CommandLineArgs.intArg(values, "event-loops", 2 * Runtime.getRuntime().availableProcessors(), 1, 64);
        long workNanos = CommandLineArgs.intArg(values, "work-us", 0, 0, 1_000_000) * 1_000L;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        vertx.deployVerticle(() -> new FloorServer(port, workNanos), new DeploymentOptions().setInstances(loops))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                .requestHandler(r -> r.response().end("{\"status\":\"UP\"}"))
                .listen(managementPort).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.err.printf("floor server on 127.0.0.1:%d, %d event loops, %s transport%n", port, loops,
                vertx.isNativeTransportEnabled() ? "epoll" : "NIO");
    }

    @Override
    public void start() {
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setTcpNoDelay(true))
                .requestHandler(this::handle)
                .listen(port);
    }

    private void handle(HttpServerRequest request) {
        if (!"/v1/streams".equals(request.path())) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> {
            JsonObject simulator = body.toJsonObject().getJsonObject("simulator", new JsonObject());
            new PacedStream(request.response(), simulator.getInteger("tokens", 200),
                    simulator.getLong("gap_ms", 20L)).start();
        });
    }

    /** One stream: the frames of Sluice's native SSE endpoint, one write per event, on a fixed grid. */
    private final class PacedStream {

        private final HttpServerResponse response;
        private final int tokens;
        private final long gapNanos;
        private final String streamId = String.format("str_%032x", STREAMS.incrementAndGet());
        private final long startNanos = System.nanoTime();
        private long dueNanos = startNanos;
        private int seq;

        PacedStream(HttpServerResponse response, int tokens, long gapMillis) {
            this.response = response;
            this.tokens = tokens;
            this.gapNanos = TimeUnit.MILLISECONDS.toNanos(gapMillis);
        }

        void start() {
            response.setStatusCode(200)
                    .putHeader("X-Sluice-Stream-Id", streamId)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no")
                    .setChunked(true);
            response.write(Buffer.buffer(": stream\n\n"));
            write("start", "{\"type\":\"start\",\"streamId\":\"" + streamId + "\",\"seq\":0,\"at\":0.0,"
                    + "\"model\":\"sluice-echo\",\"provider\":\"simulator\",\"session\":null,\"created\":0}");
            next();
        }

        private void next() {
            if (seq > tokens) {
                write("usage", "{\"type\":\"usage\",\"streamId\":\"" + streamId + "\",\"seq\":" + seq
                        + ",\"at\":" + at() + ",\"promptTokens\":200,\"completionTokens\":" + tokens
                        + ",\"totalTokens\":" + (200 + tokens) + "}");
                write("done", "{\"type\":\"done\",\"streamId\":\"" + streamId + "\",\"seq\":" + seq
                        + ",\"at\":" + at() + ",\"reason\":\"stop\"}");
                response.end();
                return;
            }
            long busyUntil = System.nanoTime() + workNanos;
            while (workNanos > 0 && System.nanoTime() < busyUntil) {
                Thread.onSpinWait();
            }
            write("delta", "{\"type\":\"delta\",\"streamId\":\"" + streamId + "\",\"seq\":" + seq + ",\"at\":"
                    + at() + ",\"channel\":\"content\",\"text\":\" word\",\"index\":0}");
            // the same grid as the simulator's: the next slot at or after now
            long now = System.nanoTime();
            dueNanos += gapNanos;
            if (dueNanos < now) {
                dueNanos += (now - dueNanos + gapNanos - 1) / gapNanos * gapNanos;
            }
            long delayMillis = Math.max(1, (dueNanos - now + 500_000) / 1_000_000);
            vertx.setTimer(delayMillis, id -> next());
        }

        private String at() {
            return Double.toString((System.nanoTime() - startNanos) / 1000 / 1000.0);
        }

        private void write(String event, String json) {
            response.write(Buffer.buffer("id: " + seq + "\nevent: " + event + "\ndata: " + json + "\n\n"));
            seq++;
        }
    }
}
