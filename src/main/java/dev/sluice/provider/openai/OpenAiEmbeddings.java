package dev.sluice.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.EmbeddingRequest;
import dev.sluice.provider.Embeddings;
import dev.sluice.provider.http.UpstreamJson;
import dev.sluice.provider.http.UpstreamVectors;

/**
 * {@code POST {base-url}/embeddings} of an OpenAI-compatible server (OpenAI, Azure, vLLM, llama.cpp,
 * Ollama's {@code /v1}, …): the inputs as a list, {@code dimensions} when asked, and
 * {@code encoding_format: "float"} always, since every compatible server speaks floats; a client
 * that asked base64 gets it encoded by Sluice. The answer's {@code data[].index} gives the order.
 */
final class OpenAiEmbeddings {

    private OpenAiEmbeddings() {}

    static ObjectNode body(EmbeddingRequest request) {
        ObjectNode body = UpstreamJson.object();
        body.put("model", request.model());
        request.input().forEach(body.putArray("input")::add);
        if (request.dimensions() != null) {
            body.put("dimensions", request.dimensions());
        }
        body.put("encoding_format", "float");
        return body;
    }

    static Embeddings parse(String provider, EmbeddingRequest request, JsonNode answer) {
        JsonNode data = answer.path("data");
        int count = request.input().size();
        UpstreamVectors.requireCount(provider, count, data.isArray() ? data.size() : 0);
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            if (index < 0 || index >= count || vectors[index] != null) {
                throw dev.sluice.provider.http.UpstreamErrors.badResponse(provider,
                        "the embeddings' indexes are not 0.." + (count - 1));
            }
            vectors[index] = UpstreamVectors.of(provider, item.get("embedding"), "data[" + i + "].embedding");
        }
        return new Embeddings(java.util.Arrays.asList(vectors), answer.path("usage").path("prompt_tokens").asInt(0));
    }
}
