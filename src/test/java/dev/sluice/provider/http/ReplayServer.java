package dev.sluice.provider.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local upstream for tests: answers each request with the next queued {@link Reply} (the
 * last one repeats), writing the body in random pieces of 1..maxPiece bytes with 0–3 ms pauses,
 * and records what it received and how many connections it saw closed.
 */
public final class ReplayServer implements AutoCloseable {

    /** One request as the server saw it. */
    public record Received(String method, String uri, Map<String, String> headers, JsonObject body) {}

    private final Vertx vertx;
    private final HttpServer server;
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private volatile Reply last;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger closedConnections = new AtomicInteger();

    private ReplayServer(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer()
                .connectionHandler(c -> {
                    openConnections.incrementAndGet();
                    c.closeHandler(v -> {
                        openConnections.decrementAndGet();
                        closedConnections.incrementAndGet();
                    });
                })
                .requestHandler(this::handle)
                .listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static ReplayServer start(Vertx vertx) {
        try {
            return new ReplayServer(vertx);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public ReplayServer enqueue(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    public String baseUrl() {
        return "http://localhost:" + server.actualPort();
    }

    public List<Received> received() {
        return received;
    }

    public int openConnections() {
        return openConnections.get();
    }

    public int closedConnections() {
        return closedConnections.get();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            received.add(new Received(request.method().name(), request.uri(), headers,
                    body.length() == 0 ? null : body.toJsonObject()));
            Reply reply = replies.poll();
            if (reply == null) {
                reply = last;
            }
            last = reply;
            respond(request, reply);
        });
    }

    private void respond(HttpServerRequest request, Reply reply) {
        HttpServerResponse response = request.response().setStatusCode(reply.status()).setChunked(true);
        response.putHeader("Content-Type", reply.contentType());
        reply.headers().forEach(response::putHeader);
        new Writer(request, reply).next(0);
    }

    /** Writes one reply piece by piece on the event loop. */
    private final class Writer {
        private final HttpServerRequest request;
        private final Reply reply;
        private final Random random;

        Writer(HttpServerRequest request, Reply reply) {
            this.request = request;
            this.reply = reply;
            this.random = new Random(reply.seed());
        }

        void next(int offset) {
            HttpServerResponse response = request.response();
            if (response.closed()) {
                return;
            }
            byte[] body = reply.body();
            if (reply.dropAfter() >= 0 && offset >= reply.dropAfter()) {
                request.connection().close();
                return;
            }
            if (reply.stallAfter() >= 0 && offset >= reply.stallAfter()) {
                return; // silence, connection left open

            }
            if (offset >= body.length) {
                response.end();
                return;
            }
            int limit = body.length;
            if (reply.dropAfter() >= 0) {
                limit = Math.min(limit, reply.dropAfter());
            }
            if (reply.stallAfter() >= 0) {
                limit = Math.min(limit, reply.stallAfter());
            }
            int size = Math.min(limit - offset, 1 + random.nextInt(reply.maxPiece()));
            response.write(Buffer.buffer(java.util.Arrays.copyOfRange(body, offset, offset + size)));
            int pause = random.nextInt(4);
            int nextOffset = offset + size;
            if (pause == 0) {
                vertx.runOnContext(v -> next(nextOffset));
            } else {
                vertx.setTimer(pause, t -> next(nextOffset));
            }
        }
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }
}
