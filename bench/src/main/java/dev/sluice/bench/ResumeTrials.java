package dev.sluice.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resume trials against a running Sluice (127.0.0.1 only): each trial starts a paced simulator
 * stream, follows it until a random seq, drops the connection, resumes after that seq on a new
 * connection (SSE {@code Last-Event-ID} or WebSocket {@code resume}, alternately) and reads to the
 * end. The events seen before and after the drop must be exactly seq 0..last, each once, in
 * order, and their text must equal the stream's aggregated text from {@code GET /v1/streams/{id}}.
 * Prints a markdown table of trials, events checked, and events lost, duplicated or reordered.
 *
 * <pre>java -cp sluice-bench.jar dev.sluice.bench.ResumeTrials --url http://127.0.0.1:8080 --trials 10000 --parallel 16</pre>
 */
public final class ResumeTrials {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Counters of one transport. */
    static final class Tally {
        final AtomicLong trials = new AtomicLong();
        final AtomicLong cut = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong duplicated = new AtomicLong();
        final AtomicLong reordered = new AtomicLong();
        final AtomicLong textMismatch = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final List<String> firstFailures = new ArrayList<>();

        synchronized void failure(String what) {
            failed.incrementAndGet();
            if (firstFailures.size() < 5) {
                firstFailures.add(what);
            }
        }
    }

    private final URI base;
    /**
     * HTTP/1.1 as browsers' EventSource and curl use on http:// URLs. Over h2c every trial would share
     * one connection, and dropping a stream is then a RST_STREAM: thousands of them in a minute look
     * like a rapid-reset attack, and the server rightly answers with GOAWAY for the whole connection.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final int tokens;
    private final int gapMs;

    private ResumeTrials(URI base, int tokens, int gapMs) {
        this.base = base;
        this.tokens = tokens;
        this.gapMs = gapMs;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> values = CommandLineArgs.pairs(args);
        URI base = URI.create(values.getOrDefault("url", "http://127.0.0.1:8080"));
        if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
            throw new IllegalArgumentException("--url must be on 127.0.0.1; got " + base);
        }
        int trials = CommandLineArgs.intArg(values, "trials", 10_000, 1, 1_000_000);
        int parallel = CommandLineArgs.intArg(values, "parallel", 16, 1, 512);
        int tokens = CommandLineArgs.intArg(values, "tokens", 40, 2, 10_000);
        int gapMs = CommandLineArgs.intArg(values, "gap-ms", 3, 0, 1_000);
        ResumeTrials run = new ResumeTrials(base, tokens, gapMs);
        Tally sse = new Tally();
        Tally ws = new Tally();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        for (int i = 0; i < trials; i++) {
            int trial = i;
            pool.execute(() -> {
                Tally tally = trial % 2 == 0 ? sse : ws;
                try {
                    if (trial % 2 == 0) {
                        run.sseTrial(trial, tally);
                    } else {
                        run.wsTrial(trial, tally);
                    }
                } catch (Exception e) {
                    tally.failure("trial " + trial + ": " + e);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("## Resume trials: %d in %.0f s, %d at a time, %d simulator tokens per stream at %d ms%n%n",
                trials, seconds, parallel, tokens, gapMs);
        System.out.println("| transport | trials | dropped mid-stream | events checked | lost | duplicated | reordered "
                + "| text differs | failed trials |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        row("SSE, Last-Event-ID", sse);
        row("WebSocket, resume", ws);
        for (Tally t : List.of(sse, ws)) {
            for (String f : t.firstFailures) {
                System.out.println();
                System.out.println("- " + f);
            }
        }
        System.exit(sse.failed.get() + ws.failed.get() + sse.lost.get() + ws.lost.get() + sse.duplicated.get()
                + ws.duplicated.get() + sse.reordered.get() + ws.reordered.get() == 0 ? 0 : 1);
    }

    private static void row(String name, Tally t) {
        System.out.printf("| %s | %d | %d | %d | %d | %d | %d | %d | %d |%n", name, t.trials.get(), t.cut.get(),
                t.events.get(), t.lost.get(), t.duplicated.get(), t.reordered.get(), t.textMismatch.get(),
                t.failed.get());
    }

    private String startBody(int trial) {
        return new JsonObject().put("model", "sluice-sim").put("prompt", "trial " + trial)
                .put("simulator", new JsonObject().put("tokens", tokens).put("gap_ms", gapMs).put("jitter_ms", 0)
                        .put("ttft_ms", 0).put("seed", trial))
                .encode();
    }

    /** Where to drop: after a random seq among the first deltas, so most drops are mid-stream. */
    private int cutAfter() {
        return ThreadLocalRandom.current().nextInt(0, Math.max(1, tokens / 2));
    }

    void sseTrial(int trial, Tally tally) throws Exception {
        HttpResponse<String> startReply = http.send(HttpRequest.newBuilder(base.resolve("/v1/streams"))
                .timeout(TIMEOUT).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(startBody(trial))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (startReply.statusCode() / 100 != 2) {
            tally.failure("trial " + trial + ": start answered " + startReply.statusCode() + " " + startReply.body());
            return;
        }
        String id = new JsonObject(startReply.body()).getString("id");
        int cut = cutAfter();
        List<JsonObject> seen = new ArrayList<>();
        boolean ended = readSse(id, -1, cut, seen);
        long lastSeen = seen.isEmpty() ? -1 : seen.get(seen.size() - 1).getLong("seq");
        if (!ended) {
            tally.cut.incrementAndGet();
            readSse(id, lastSeen, Integer.MAX_VALUE, seen);
        }
        check(trial, id, seen, tally);
    }

    /** Reads events after {@code after} until seq {@code stopAt} (then drops) or the end; true when it ended. */
    private boolean readSse(String id, long after, long stopAt, List<JsonObject> into) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/streams/" + id + "/events"))
                .timeout(TIMEOUT).header("Accept", "text/event-stream").GET();
        if (after >= 0) {
            request.header("Last-Event-ID", Long.toString(after));
        }
        HttpResponse<InputStream> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (reply.statusCode() != 200) {
            reply.body().close();
            throw new IOException("events answered " + reply.statusCode());
        }
        try (InputStream body = reply.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                JsonObject event = new JsonObject(line.substring(5).trim());
                into.add(event);
                String type = event.getString("type");
                if (terminal(type)) {
                    return true;
                }
                if (event.getLong("seq", -1L) >= stopAt) {
                    return false; // closing the body drops the connection
                }
            }
        }
        throw new IOException("the event stream ended without done or error");
    }

    void wsTrial(int trial, Tally tally) throws Exception {
        int cut = cutAfter();
        List<JsonObject> seen = new ArrayList<>();
        Frames first = new Frames();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(wsUri(), first).get(30, TimeUnit.SECONDS);
        JsonObject start = new JsonObject(startBody(trial)).put("type", "start").put("id", "t" + trial);
        socket.sendText(start.encode(), true).get(30, TimeUnit.SECONDS);
        String id = null;
        boolean ended = false;
        while (true) {
            JsonObject frame = first.next();
            String type = frame.getString("type");
            if ("started".equals(type)) {
                id = frame.getString("streamId");
                continue;
            }
            if ("rejected".equals(type)) {
                socket.abort();
                tally.failure("trial " + trial + ": start rejected " + frame.encode());
                return;
            }
            seen.add(frame);
            if (terminal(type)) {
                ended = true;
                break;
            }
            if (frame.getLong("seq", -1L) >= cut) {
                break;
            }
        }
        socket.abort(); // the drop: no close handshake, as when a network path dies
        if (!ended) {
            tally.cut.incrementAndGet();
            long lastSeen = seen.get(seen.size() - 1).getLong("seq");
            Frames second = new Frames();
            WebSocket again = http.newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(wsUri(), second).get(30, TimeUnit.SECONDS);
            again.sendText(new JsonObject().put("type", "resume").put("streamId", id).put("after", lastSeen).encode(),
                    true).get(30, TimeUnit.SECONDS);
            while (true) {
                JsonObject frame = second.next();
                String type = frame.getString("type");
                if ("rejected".equals(type)) {
                    tally.failure("trial " + trial + ": resume rejected " + frame.encode());
                    again.abort();
                    return;
                }
                if (!id.equals(frame.getString("streamId"))) {
                    continue;
                }
                seen.add(frame);
                if (terminal(type)) {
                    break;
                }
            }
            again.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        check(trial, id, seen, tally);
    }

    /** Exactly one done or error ends every stream. */
    private static boolean terminal(String type) {
        return "done".equals(type) || "error".equals(type);
    }

    private URI wsUri() {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1/ws");
    }

    /** Compares what the client saw with the gapless sequence and the stream's own text. */
    private void check(int trial, String id, List<JsonObject> seen, Tally tally) throws Exception {
        tally.trials.incrementAndGet();
        tally.events.addAndGet(seen.size());
        long expected = 0;
        long lost = 0;
        long duplicated = 0;
        long reordered = 0;
        java.util.Set<Long> got = new java.util.HashSet<>();
        StringBuilder text = new StringBuilder();
        for (JsonObject event : seen) {
            long seq = event.getLong("seq");
            if (!got.add(seq)) {
                duplicated++;
                continue;
            }
            if (seq < expected) {
                reordered++;
            } else if (seq > expected) {
                lost += seq - expected;
            }
            expected = Math.max(expected, seq + 1);
            if ("delta".equals(event.getString("type")) && "content".equals(event.getString("channel", "content"))) {
                text.append(event.getString("text", ""));
            }
        }
        tally.lost.addAndGet(lost);
        tally.duplicated.addAndGet(duplicated);
        tally.reordered.addAndGet(reordered);
        JsonObject status = new JsonObject(http.send(HttpRequest.newBuilder(base.resolve("/v1/streams/" + id))
                .timeout(TIMEOUT).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        if (!text.toString().equals(status.getString("text"))) {
            tally.textMismatch.incrementAndGet();
            tally.failure("trial " + trial + " (" + id + "): text differs from GET /v1/streams/{id}");
        }
        if (lost + duplicated + reordered > 0) {
            tally.failure("trial " + trial + " (" + id + "): lost " + lost + ", duplicated " + duplicated
                    + ", reordered " + reordered);
        }
    }

    /** A WebSocket listener that hands whole text frames to the trial's thread. */
    static final class Frames implements WebSocket.Listener {
        private final LinkedBlockingQueue<Object> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(new IOException("closed by the server: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(error);
        }

        JsonObject next() throws Exception {
            Object frame = frames.poll(30, TimeUnit.SECONDS);
            if (frame == null) {
                throw new IOException("no WebSocket frame within 30 s");
            }
            if (frame instanceof Throwable t) {
                throw new IOException("WebSocket failed: " + t, t);
            }
            return new JsonObject((String) frame);
        }
    }
}
