package dev.sluice.provider.ollama;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProbeEndpoint;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.MediaTypes;
import dev.sluice.provider.http.NdjsonLineParser;
import dev.sluice.provider.http.StreamMapper;
import dev.sluice.provider.http.UpstreamClient;
import dev.sluice.provider.http.UpstreamJson;
import dev.sluice.provider.http.UpstreamTimeouts;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Streams {@code POST {base-url}/api/chat}; a configured key is sent as a bearer token (for proxies and Ollama's cloud). */
public final class OllamaProvider implements ModelProvider {

    private final HttpProviderSettings settings;
    private final UpstreamClient client;

    public OllamaProvider(Vertx vertx, HttpProviderSettings settings) {
        this.settings = settings;
        this.client = new UpstreamClient(vertx, settings);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public Optional<ProbeEndpoint> probeEndpoint() {
        return Optional.of(new ProbeEndpoint(settings.baseUrl() + "/api/tags", headers()));
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        Multi<Delta> deltas = StreamMapper.apply(
                NdjsonLineParser.decode(client.post(settings.baseUrl() + "/api/chat", headers(), body(request),
                        MediaTypes.NDJSON)),
                () -> new OllamaStreamMapper(settings.name()));
        return UpstreamTimeouts.apply(deltas, settings.name(), settings.timeouts());
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (settings.hasApiKey()) {
            headers.put("Authorization", "Bearer " + settings.apiKey());
        }
        headers.putAll(settings.headers());
        return headers;
    }

    static ObjectNode body(GenerationRequest request) {
        ObjectNode body = UpstreamJson.object();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content() == null ? "" : m.content());
        }
        body.put("stream", true);
        ObjectNode options = body.putObject("options");
        if (request.maxTokens() != null) {
            options.put("num_predict", request.maxTokens());
        }
        if (request.temperature() != null) {
            options.put("temperature", request.temperature());
        }
        return body;
    }
}
