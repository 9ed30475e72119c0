package dev.sluice.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JDK WebSocket client that queues every JSON frame the server sends. */
public final class WsClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    /** The status code of the server's close frame, once one arrived. */
    private final java.util.concurrent.CompletableFuture<Integer> closeCode = new java.util.concurrent.CompletableFuture<>();
    private final WebSocket socket;

    public WsClient(URI httpBase) {
        this(httpBase, java.util.Map.of());
    }

    /** Connects with extra handshake headers (e.g. {@code Authorization}); fails like the handshake does. */
    public WsClient(URI httpBase, java.util.Map<String, String> headers) {
        URI ws = URI.create(httpBase.toString().replaceFirst("^http", "ws")).resolve("/v1/ws");
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(ws, new Collector()).join();
    }

    /** The next frame, or null when none arrives within the time given. */
    public JsonNode poll(Duration wait) {
        try {
            return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Completes with the status code of the server's close frame (e.g. 1001 when a replica shuts down). */
    public java.util.concurrent.CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    public WebSocket socket() {
        return socket;
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next frame, failing the test after 30 s. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(30, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no WebSocket frame within 30 s");
            }
            return frame;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Frames until (and including) the first that matches. */
    public List<JsonNode> until(Predicate<JsonNode> last) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode frame;
        do {
            frame = next();
            out.add(frame);
        } while (!last.test(frame));
        return out;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("server sent non-JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }
    }
}
