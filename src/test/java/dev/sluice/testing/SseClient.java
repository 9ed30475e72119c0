package dev.sluice.testing;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small SSE reader over the JDK HTTP client, parsing frames exactly as the spec says. */
public final class SseClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private SseClient() {}

    /** Reads the whole stream (until the server closes it). */
    public static List<SseEvent> readAll(HttpRequest request) {
        return read(request, Integer.MAX_VALUE);
    }

    public static List<SseEvent> get(URI uri, Map<String, String> headers) {
        return get(uri, headers, Integer.MAX_VALUE);
    }

    /** Reads at most {@code limit} events, then closes the connection. */
    public static List<SseEvent> get(URI uri, Map<String, String> headers, int limit) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/event-stream");
        headers.forEach(builder::header);
        return read(builder.GET().build(), limit);
    }

    public static HttpRequest postJson(URI uri, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    public static List<SseEvent> read(HttpRequest request, int limit) {
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("status " + response.statusCode() + ": "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            try (InputStream body = response.body();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                return parse(reader, limit);
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<SseEvent> parse(BufferedReader reader, int limit) throws java.io.IOException {
        List<SseEvent> events = new ArrayList<>();
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while (events.size() < limit && (line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(id, event, data.toString()));
                }
                id = null;
                event = null;
                data = null;
            } else if (line.startsWith(":")) {
                continue;
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return events;
    }
}
