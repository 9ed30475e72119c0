package dev.sluice.provider.probe;

import dev.sluice.provider.ProbeEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Probes one provider: GETs its models endpoint now, then again {@code interval} after each
 * probe finished (so probes never overlap), all asynchronously on a Vert.x timer: nothing blocks
 * the event loop. A 2xx answer is up; any other status, a connection failure or no answer
 * within the timeout is down.
 */
final class UpstreamProbe {

    private static final Logger LOG = Logger.getLogger(UpstreamProbe.class);

    private final String provider;
    private final ProbeEndpoint endpoint;
    private final Duration interval;
    private final Vertx vertx;
    private final HttpClient client;
    private final long timeoutMillis;
    private volatile ProbeResult last = ProbeResult.PENDING;
    private volatile boolean stopped;
    private volatile long timerId = -1;

    UpstreamProbe(Vertx vertx, String provider, ProbeEndpoint endpoint, Duration interval, Duration connectTimeout) {
        this.vertx = vertx;
        this.provider = provider;
        this.endpoint = endpoint;
        this.interval = interval;
        // a probe that takes longer than the interval would only delay the next one
        this.timeoutMillis = Math.max(1, Math.min(interval.toMillis(), Duration.ofSeconds(10).toMillis()));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .setMaxPoolSize(1)
                .setKeepAlive(true));
    }

    void start() {
        vertx.runOnContext(v -> probe());
    }

    ProbeResult last() {
        return last;
    }

    private void probe() {
        if (stopped) {
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(endpoint.url())
                .setIdleTimeout(timeoutMillis);
        endpoint.headers().forEach(options::putHeader);
        options.putHeader("Accept", "application/json");
        client.request(options)
                .compose(request -> request.send())
                // the body is read and dropped so that the connection is reused; it is never shown
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(outcome -> {
                    record(outcome.succeeded() ? status(outcome.result()) : failure(outcome.cause()));
                    if (!stopped) {
                        timerId = vertx.setTimer(Math.max(1, interval.toMillis()), t -> probe());
                    }
                });
    }

    private static ProbeResult status(int status) {
        return status >= 200 && status <= 299 ? ProbeResult.up(status) : ProbeResult.down("HTTP " + status);
    }

    private static ProbeResult failure(Throwable cause) {
        // Vert.x's idle timeout is a TimeoutException; Netty's connect timeout its own exception
        if (cause instanceof TimeoutException || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return ProbeResult.down("timed out");
        }
        return ProbeResult.down("connection failed (" + cause.getClass().getSimpleName() + ")");
    }

    private void record(ProbeResult result) {
        ProbeResult previous = last;
        last = result;
        if (previous.state() != result.state()) {
            LOG.infof("provider %s probe: %s", provider, result);
        }
    }

    void stop() {
        stopped = true;
        long id = timerId;
        if (id >= 0) {
            vertx.cancelTimer(id);
        }
        client.close();
    }
}
