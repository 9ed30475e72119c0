package dev.sluice.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.http.HttpModelProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.UpstreamJson;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streams {@code POST {base-url}/chat/completions} (a raw prompt: {@code /completions}). With {@code api-version} configured it
 * speaks Azure OpenAI: the base URL is the deployment URL, the key goes in an {@code api-key}
 * header and {@code api-version} in the query.
 */
public final class OpenAiProvider extends HttpModelProvider {

    public OpenAiProvider(Vertx vertx, HttpProviderSettings settings) {
        super(vertx, settings);
    }

    @Override
    protected String probeUrl() {
        return withApiVersion(settings.baseUrl() + "/models");
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        if (request.rawPrompt()) {
            return streamSse(withApiVersion(settings.baseUrl() + "/completions"), OpenAiCompletions.body(request),
                    () -> new OpenAiCompletionStreamMapper(settings.name()));
        }
        return streamSse(withApiVersion(settings.baseUrl() + "/chat/completions"), body(request),
                () -> new OpenAiStreamMapper(settings.name()));
    }

    private boolean azure() {
        return settings.apiVersion() != null;
    }

    /** Azure OpenAI wants its {@code api-version} on every URL. */
    private String withApiVersion(String url) {
        return azure() ? url + "?api-version=" + URLEncoder.encode(settings.apiVersion(), StandardCharsets.UTF_8) : url;
    }

    @Override
    protected Map<String, String> headers() {
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
        ObjectNode body = UpstreamJson.streamingChat(request);
        body.putObject("stream_options").put("include_usage", true);
        UpstreamJson.openAiTools(body, request.tools());
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        return body;
    }

    /** {@code POST {base-url}/embeddings} (Azure: with {@code ?api-version=}), see {@link OpenAiEmbeddings}. */
    @Override
    public io.smallrye.mutiny.Uni<dev.sluice.provider.Embeddings> embed(dev.sluice.provider.EmbeddingRequest request) {
        return postForJson(withApiVersion(settings.baseUrl() + "/embeddings"), OpenAiEmbeddings.body(request))
                .map(answer -> OpenAiEmbeddings.parse(settings.name(), request, answer));
    }
}
