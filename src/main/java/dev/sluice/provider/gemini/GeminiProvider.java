package dev.sluice.provider.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
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
 * Streams {@code POST {base-url}/v1beta/models/{model}:streamGenerateContent?alt=sse} with the
 * key in {@code x-goog-api-key} (never in the URL, where it could end up in access logs).
 */
public final class GeminiProvider extends HttpModelProvider {

    public GeminiProvider(Vertx vertx, HttpProviderSettings settings) {
        super(vertx, settings);
    }

    @Override
    protected String probeUrl() {
        return settings.baseUrl() + "/v1beta/models";
    }

    @Override
    public Multi<Delta> stream(GenerationRequest request) {
        String model = request.model().startsWith("models/") ? request.model().substring(7) : request.model();
        String url = settings.baseUrl() + "/v1beta/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8)
                + ":streamGenerateContent?alt=sse";
        return streamSse(url, body(request), () -> new GeminiStreamMapper(settings.name()));
    }

    @Override
    protected Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (settings.hasApiKey()) {
            headers.put("x-goog-api-key", settings.apiKey());
        }
        headers.putAll(settings.headers());
        return headers;
    }

    @Override
    public void validate(GenerationRequest request) {
        includeThoughts(request);
        GeminiTools.check(request.messages());
    }

    /**
     * Gemini sends thought summaries only when asked ({@code thinkingConfig.includeThoughts});
     * a request asks with the option {@code include_thoughts} (or {@code reasoning}) set to true.
     */
    static boolean includeThoughts(GenerationRequest request) {
        boolean include = false;
        for (String option : new String[] {"include_thoughts", "reasoning"}) {
            Object value = request.options().get(option);
            if (value != null && !(value instanceof Boolean)) {
                throw new IllegalArgumentException("The option '" + option + "' must be true or false.");
            }
            include |= Boolean.TRUE.equals(value);
        }
        return include;
    }

    static ObjectNode body(GenerationRequest request) {
        ObjectNode body = UpstreamJson.object();
        StringBuilder system = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            if ("system".equals(m.role()) || "developer".equals(m.role())) {
                system.append(system.isEmpty() ? "" : "\n\n").append(m.content() == null ? "" : m.content());
            }
        }
        GeminiTools.contents(body.putArray("contents"), request.messages());
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
        }
        GeminiTools.tools(body, request.tools());
        ObjectNode generation = body.putObject("generationConfig");
        if (request.maxTokens() != null) {
            generation.put("maxOutputTokens", request.maxTokens());
        }
        if (request.temperature() != null) {
            generation.put("temperature", request.temperature());
        }
        if (includeThoughts(request)) {
            generation.putObject("thinkingConfig").put("includeThoughts", true);
        }
        return body;
    }

    /** {@code :batchEmbedContents}, see {@link GeminiEmbeddings}. */
    @Override
    public io.smallrye.mutiny.Uni<dev.sluice.provider.Embeddings> embed(dev.sluice.provider.EmbeddingRequest request) {
        return postForJson(GeminiEmbeddings.url(settings.baseUrl(), request.model()), GeminiEmbeddings.body(request))
                .map(answer -> GeminiEmbeddings.parse(settings.name(), request, answer));
    }
}
