package dev.sluice.provider.ollama;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.http.HttpModelProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;

/** Streams {@code POST {base-url}/api/chat} (a raw prompt: {@code /api/generate} with {@code raw: true}); a configured key is sent as a bearer token (for proxies and Ollama's cloud). */
public final class OllamaProvider extends HttpModelProvider {

    public OllamaProvider(Vertx vertx, HttpProviderSettings settings) {
        super(vertx, settings);
    }

    @Override
    protected String probeUrl() {
        return settings.baseUrl() + "/api/tags";
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        if (request.rawPrompt()) {
            return streamNdjson(settings.baseUrl() + "/api/generate", OllamaGenerate.body(request),
                    () -> new OllamaGenerateStreamMapper(settings.name()));
        }
        return streamNdjson(settings.baseUrl() + "/api/chat", body(request),
                () -> new OllamaStreamMapper(settings.name()));
    }

    /** @throws IllegalArgumentException when an earlier tool call's arguments are not a JSON object */
    @Override
    public void validate(GenerationRequest request) {
        for (dev.sluice.provider.ChatMessage turn : request.messages()) {
            for (dev.sluice.provider.ToolCall call : turn.toolCalls()) {
                if (!dev.sluice.provider.http.UpstreamJson.isArgumentsObject(call.arguments())) {
                    throw new IllegalArgumentException("The arguments of the tool call '" + call.id()
                            + "' must be a JSON object for this model's provider.");
                }
            }
        }
    }

    @Override
    protected Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (settings.hasApiKey()) {
            headers.put("Authorization", "Bearer " + settings.apiKey());
        }
        headers.putAll(settings.headers());
        return headers;
    }

    static ObjectNode body(GenerationRequest request) {
        ObjectNode body = OllamaMessages.streamingChat(request);
        ObjectNode options = body.putObject("options");
        if (request.maxTokens() != null) {
            options.put("num_predict", request.maxTokens());
        }
        if (request.temperature() != null) {
            options.put("temperature", request.temperature());
        }
        return body;
    }

    /** {@code POST {base-url}/api/embed}, see {@link OllamaEmbeddings}. */
    @Override
    public io.smallrye.mutiny.Uni<dev.sluice.provider.Embeddings> embed(dev.sluice.provider.EmbeddingRequest request) {
        return postForJson(settings.baseUrl() + "/api/embed", OllamaEmbeddings.body(request))
                .map(answer -> OllamaEmbeddings.parse(settings.name(), request, answer));
    }
}
