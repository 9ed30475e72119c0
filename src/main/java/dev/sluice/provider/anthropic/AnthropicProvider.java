package dev.sluice.provider.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProbeEndpoint;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.MediaTypes;
import dev.sluice.provider.http.SseEventParser;
import dev.sluice.provider.http.StreamMapper;
import dev.sluice.provider.http.UpstreamClient;
import dev.sluice.provider.http.UpstreamJson;
import dev.sluice.provider.http.UpstreamTimeouts;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Streams {@code POST {base-url}/v1/messages}. System and developer messages become the
 * top-level {@code system}; {@code max_tokens} is required by the API and defaults to
 * {@value #DEFAULT_MAX_TOKENS} when the request has none.
 */
public final class AnthropicProvider implements ModelProvider {

    static final int DEFAULT_MAX_TOKENS = 1024;
    static final String API_VERSION = "2023-06-01";

    private final HttpProviderSettings settings;
    private final UpstreamClient client;

    public AnthropicProvider(Vertx vertx, HttpProviderSettings settings) {
        this.settings = settings;
        this.client = new UpstreamClient(vertx, settings);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public Optional<ProbeEndpoint> probeEndpoint() {
        return Optional.of(new ProbeEndpoint(settings.baseUrl() + "/v1/models", headers()));
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        Multi<Delta> deltas = StreamMapper.apply(
                SseEventParser.decode(client.post(settings.baseUrl() + "/v1/messages", headers(), body(request),
                        MediaTypes.SSE)),
                () -> new AnthropicStreamMapper(settings.name()));
        return UpstreamTimeouts.apply(deltas, settings.name(), settings.timeouts());
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (settings.hasApiKey()) {
            headers.put("x-api-key", settings.apiKey());
        }
        headers.put("anthropic-version", API_VERSION);
        headers.putAll(settings.headers());
        return headers;
    }

    static ObjectNode body(GenerationRequest request) {
        ObjectNode body = UpstreamJson.object();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens() == null ? DEFAULT_MAX_TOKENS : request.maxTokens());
        StringBuilder system = new StringBuilder();
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            String content = m.content() == null ? "" : m.content();
            if ("system".equals(m.role()) || "developer".equals(m.role())) {
                system.append(system.isEmpty() ? "" : "\n\n").append(content);
            } else {
                messages.addObject().put("role", "assistant".equals(m.role()) ? "assistant" : "user")
                        .put("content", content);
            }
        }
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        body.put("stream", true);
        return body;
    }
}
