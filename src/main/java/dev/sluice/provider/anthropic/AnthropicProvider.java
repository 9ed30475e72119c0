package dev.sluice.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.http.HttpModelProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.UpstreamJson;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streams {@code POST {base-url}/v1/messages}. System and developer messages become the
 * top-level {@code system}; {@code max_tokens} is required by the API and defaults to
 * {@value #DEFAULT_MAX_TOKENS} when the request has none.
 */
public final class AnthropicProvider extends HttpModelProvider {

    static final int DEFAULT_MAX_TOKENS = 1024;
    static final String API_VERSION = "2023-06-01";

    public AnthropicProvider(Vertx vertx, HttpProviderSettings settings) {
        super(vertx, settings);
    }

    @Override
    protected String probeUrl() {
        return settings.baseUrl() + "/v1/models";
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        return streamSse(settings.baseUrl() + "/v1/messages", body(request),
                () -> new AnthropicStreamMapper(settings.name()));
    }

    /** @throws IllegalArgumentException when an earlier tool call's arguments are not a JSON object */
    @Override
    public void validate(GenerationRequest request) {
        AnthropicTools.check(request.messages());
    }

    @Override
    protected Map<String, String> headers() {
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
        for (ChatMessage m : request.messages()) {
            if ("system".equals(m.role()) || "developer".equals(m.role())) {
                system.append(system.isEmpty() ? "" : "\n\n").append(m.content() == null ? "" : m.content());
            }
        }
        AnthropicTools.messages(body.putArray("messages"), request.messages());
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        AnthropicTools.tools(body, request.tools());
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        body.put("stream", true);
        return body;
    }
}
