package dev.sluice.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.flow.ExpandOperator;
import dev.sluice.model.Delta;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProbeEndpoint;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every HTTP adapter shares: one upstream client, the provider's name, the readiness
 * probe, and the pipeline response body → wire-format decoder → message mapper → timeouts.
 * A subclass says only where to post, with which headers and body, and how messages map.
 */
public abstract class HttpModelProvider implements ModelProvider {

    protected final HttpProviderSettings settings;
    private final UpstreamClient client;

    protected HttpModelProvider(Vertx vertx, HttpProviderSettings settings) {
        this.settings = settings;
        this.client = new UpstreamClient(vertx, settings);
    }

    @Override
    public final String name() {
        return settings.name();
    }

    @Override
    public Optional<ProbeEndpoint> probeEndpoint() {
        return Optional.of(new ProbeEndpoint(probeUrl(), headers()));
    }

    /** The upstream's model-listing URL, which the optional readiness probe GETs. */
    protected abstract String probeUrl();

    /** Authentication and configured headers, sent with every upstream request. */
    protected abstract Map<String, String> headers();

    /** Posts a request answered with Server-Sent Events and maps each event. */
    protected final Multi<Delta> streamSse(String url, JsonNode body, Supplier<StreamMapper<SseEvent>> mappers) {
        return timed(ExpandOperator.apply(client.post(url, headers(), body, MediaTypes.SSE),
                () -> new UpstreamDecoder<>(new SseEventParser(), mappers.get())));
    }

    /** Posts a request answered with newline-delimited JSON and maps each line. */
    protected final Multi<Delta> streamNdjson(String url, JsonNode body, Supplier<StreamMapper<String>> mappers) {
        return timed(ExpandOperator.apply(client.post(url, headers(), body, MediaTypes.NDJSON),
                () -> new UpstreamDecoder<>(new NdjsonLineParser(), mappers.get())));
    }

    private Multi<Delta> timed(Multi<Delta> deltas) {
        return UpstreamTimeouts.apply(deltas, settings.name(), settings.timeouts());
    }

    /**
     * Largest JSON answer read whole (embeddings): 2048 inputs of 3072 dimensions as JSON numbers
     * take about 70 MB; past this an answer is refused rather than held in memory.
     */
    static final long MAX_JSON_BYTES = 128L << 20;

    /**
     * Posts a request answered with one JSON object (embeddings). The answer must arrive within
     * the provider's first-token timeout; {@code upstream_timeout} otherwise, and the connection closes.
     */
    protected final io.smallrye.mutiny.Uni<JsonNode> postForJson(String url, JsonNode body) {
        java.time.Duration limit = settings.timeouts().firstToken();
        return client.postForJson(url, headers(), body, MAX_JSON_BYTES).ifNoItem().after(limit)
                .failWith(() -> new dev.sluice.provider.ProviderException(dev.sluice.model.ErrorCode.UPSTREAM_TIMEOUT,
                        "provider '" + settings.name() + "': no answer within " + limit.toMillis() + "ms"));
    }
}
