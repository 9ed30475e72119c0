package dev.sluice.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.EmbeddingRequest;
import dev.sluice.provider.Embeddings;
import dev.sluice.provider.http.UpstreamJson;
import dev.sluice.provider.http.UpstreamVectors;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST {base-url}/api/embed} with the inputs as {@code input} (and {@code dimensions} when
 * asked), answered with {@code embeddings} in the same order and {@code prompt_eval_count}.
 */
final class OllamaEmbeddings {

    private OllamaEmbeddings() {}

    static ObjectNode body(EmbeddingRequest request) {
        ObjectNode body = UpstreamJson.object();
        body.put("model", request.model());
        request.input().forEach(body.putArray("input")::add);
        if (request.dimensions() != null) {
            body.put("dimensions", request.dimensions());
        }
        return body;
    }

    static Embeddings parse(String provider, EmbeddingRequest request, JsonNode answer) {
        JsonNode embeddings = answer.path("embeddings");
        UpstreamVectors.requireCount(provider, request.input().size(), embeddings.isArray() ? embeddings.size() : 0);
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (int i = 0; i < embeddings.size(); i++) {
            vectors.add(UpstreamVectors.of(provider, embeddings.get(i), "embeddings[" + i + "]"));
        }
        return new Embeddings(vectors, answer.path("prompt_eval_count").asInt(0));
    }
}
