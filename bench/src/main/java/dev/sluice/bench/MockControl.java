package dev.sluice.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The proxy bench's side of the mock's control endpoints ({@code /mock/config}, {@code /mock/stats}). */
final class MockControl {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    MockControl(URI base) {
        this.base = base;
    }

    /** Sets the mock's defaults to the workload's tokens, time to first token and delay. */
    void configure(ProxyWorkload w) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/mock/config?tokens=" + w.tokens()
                        + "&ttft_ms=" + w.ttftMs() + "&delay_ms=" + w.delayMs()))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("mock /mock/config answered " + r.statusCode() + ": " + r.body());
        }
    }

    JsonObject stats() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/mock/stats"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? new JsonObject(r.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Tokens the mock has written so far, or -1. */
    long tokens() {
        JsonObject s = stats();
        return s == null ? -1 : s.getLong("tokens", -1L);
    }

    /** Streams the mock has open now (from Sluice or the client), or -1. */
    int active() {
        JsonObject s = stats();
        return s == null ? -1 : s.getInteger("active", -1);
    }

    /** Waits until the mock has no stream open (upstream streams that Sluice still holds end too), at most {@code millis}. */
    void awaitIdle(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            JsonObject s = stats();
            if (s != null && s.getInteger("active", 1) == 0) {
                return;
            }
            Thread.sleep(100);
        }
        JsonObject s = stats();
        System.err.println("proxy bench: the mock still has " + (s == null ? "?" : s.getInteger("active")) + " streams open after "
                + millis + " ms");
    }
}
