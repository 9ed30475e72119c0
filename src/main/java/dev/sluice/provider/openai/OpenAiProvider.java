package dev.sluice.provider.openai;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Streams {@code POST {base-url}/chat/completions}. With {@code api-version} configured it
 * speaks Azure OpenAI: the base URL is the deployment URL, the key goes in an {@code api-key}
 * header and {@code api-version} in the query.
 */
public final class OpenAiProvider implements ModelProvider {

    private final HttpProviderSettings settings;
    private final UpstreamClient client;

    public OpenAiProvider(Vertx vertx, HttpProviderSettings settings) {
        this.settings = settings;
        this.client = new UpstreamClient(vertx, settings);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public Optional<ProbeEndpoint> probeEndpoint() {
        return Optional.of(new ProbeEndpoint(azure() ? settings.baseUrl() + "/models" + "?api-version=" + URLEncoder.encode(settings.apiVersion(), StandardCharsets.UTF_8)
                : settings.baseUrl() + "/models", headers()));
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        Multi<Delta> deltas = StreamMapper.apply(
                SseEventParser.decode(client.post(url(), headers(), body(request), MediaTypes.SSE)),
                () -> new OpenAiStreamMapper(settings.name()));
        return UpstreamTimeouts.apply(deltas, settings.name(), settings.timeouts());
    }

    private boolean azure() {
        return settings.apiVersion() != null;
    }

    private String url() {
        String url = settings.baseUrl() + "/chat/completions";
        return azure() ? url + "?api-version=" + URLEncoder.encode(settings.apiVersion(), StandardCharsets.UTF_8) : url;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (settings.hasApiKey()) {
            if (azure()) {
                headers.put("api-key", settings.apiKey());
            } else {
                headers.put("Authorization", "Bearer " + settings.apiKey());
            }
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
        body.putObject("stream_options").put("include_usage", true);
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        return body;
    }
}
