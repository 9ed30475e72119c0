package dev.sluice.scaleout;

import dev.sluice.testing.SseEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SSE subscriber that reads in the background, so a test can look at what arrived so far
 * while the stream goes on, stop reading part-way ({@link #close()}), and see how it ended.
 */
final class LiveSse implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    /** Completes when the server ends the response (normally or not); holds the HTTP status. */
    final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private volatile InputStream body;
    private volatile boolean closing;

    private LiveSse() {}

    static LiveSse open(URI uri, Map<String, String> headers) {
        LiveSse sse = new LiveSse();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        Thread reader = new Thread(() -> sse.read(request.GET().build()), "sse-" + uri.getPath());
        reader.setDaemon(true);
        reader.start();
        return sse;
    }

    List<SseEvent> events() {
        return List.copyOf(events);
    }

    boolean ended() {
        return ended.isDone();
    }

    private void read(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            if (closing) {
                body.close();
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String event = null;
                StringBuilder data = null;
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(new SseEvent(id, event, data.toString()));
                        }
                        id = null;
                        event = null;
                        data = null;
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        String value = line.substring(5).stripLeading();
                        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    }
                }
            }
            ended.complete(response.statusCode());
        } catch (IOException e) {
            ended.complete(closing ? -1 : -2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended.complete(-2);
        }
    }

    /** Stops reading (the client goes away, as a dropped connection would). */
    @Override
    public void close() {
        closing = true;
        InputStream stream = body;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
