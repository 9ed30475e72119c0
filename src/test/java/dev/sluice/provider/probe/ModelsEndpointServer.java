package dev.sluice.provider.probe;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A local upstream for probe tests: answers every GET with the status set for the first path
 * segment (200 unless changed) and records each request's path and authentication header.
 */
final class ModelsEndpointServer {

    record Seen(String path, String authorization, String apiKey) {}

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    ModelsEndpointServer() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            seen.add(new Seen(path, request.getHeader("Authorization"), request.getHeader("x-api-key")));
            String prefix = path.split("/", 3)[1];
            request.response().setStatusCode(statuses.getOrDefault(prefix, 200))
                    .putHeader("Content-Type", "application/json").end("{\"data\":[]}");
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    void answer(String prefix, int status) {
        statuses.put(prefix, status);
    }

    List<Seen> seen() {
        return seen;
    }

    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
