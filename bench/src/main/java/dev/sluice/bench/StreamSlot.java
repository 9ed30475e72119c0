package dev.sluice.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * One of the C concurrent streams on Vert.x's HTTP client ({@code --client vertx}): opens
 * {@code POST /v1/streams} with {@code Accept: text/event-stream}, times every delta as it
 * arrives, and when the stream ends opens the next one until the run is over. Runs entirely on
 * one event loop.
 */
final class StreamSlot {

    private final Vertx vertx;
    private final HttpClient client;
    private final BenchOptions options;
    private final LoadMetrics metrics;
    private final RunState run;

    private final StreamTiming timing;
    private HttpClientRequest request;

    StreamSlot(Vertx vertx, HttpClient client, BenchOptions options, LoadMetrics metrics, RunState run) {
        this.vertx = vertx;
        this.client = client;
        this.options = options;
        this.metrics = metrics;
        this.run = run;
        this.timing = new StreamTiming(run);
    }

    void open() {
        long streamNumber = run.claimStream();
        if (streamNumber < 0) {
            return;
        }
        RequestOptions requestOptions = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(options.host())
                .setPort(options.target().getPort())
                .setURI("/v1/streams")
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "text/event-stream");
        client.request(requestOptions)
                .onFailure(e -> failed("connect", e.toString()))
                .onSuccess(req -> {
                    request = req;
                    timing.requestSent();
                    metrics.streamsOpened.increment();
                    req.send(Buffer.buffer(options.requestBody(streamNumber)))
                            .onFailure(e -> failed("request", e.toString()))
                            .onSuccess(this::onResponse);
                });
    }

    /** Ends the stream in flight without counting it as an error (the run is over). */
    void close() {
        HttpClientRequest current = request;
        if (current != null) {
            current.reset();
        }
    }

    private void onResponse(HttpClientResponse response) {
        if (response.statusCode() / 100 != 2) {
            response.body().onComplete(body -> failed("http_" + response.statusCode(),
                    body.succeeded() ? body.result().toString() : null));
            return;
        }
        metrics.openStreams.increment();
        SseEventSplitter splitter = new SseEventSplitter(timing);
        response.handler(splitter::feed);
        response.exceptionHandler(e -> {
            metrics.openStreams.decrement();
            failed("connection", e.toString());
        });
        response.endHandler(v -> {
            metrics.openStreams.decrement();
            if (timing.terminal()) {
                next();
            } else {
                failed("truncated", "stream ended without done or error");
            }
        });
    }

    private void next() {
        request = null;
        if (!run.stopping()) {
            open();
        }
    }

    private void failed(String kind, String detail) {
        request = null;
        if (run.failed(kind, detail)) {
            vertx.setTimer(RunState.RETRY_DELAY_MS, id -> open());
        }
    }
}
