package dev.sluice.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.EmbeddingRequest;
import dev.sluice.provider.Embeddings;
import dev.sluice.provider.http.UpstreamJson;
import dev.sluice.provider.http.UpstreamVectors;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST {base-url}/v1beta/models/{model}:batchEmbedContents}: one request per input
 * ({@code content.parts[0].text}, {@code outputDimensionality} when asked), answered with
 * {@code embeddings[].values} in the same order. Gemini reports no token count: usage is 0.
 */
final class GeminiEmbeddings {

    private GeminiEmbeddings() {}

    static String url(String baseUrl, String model) {
        String name = model.startsWith("models/") ? model.substring(7) : model;
        return baseUrl + "/v1beta/models/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + ":batchEmbedContents";
    }

    static ObjectNode body(EmbeddingRequest request) {
        String name = request.model().startsWith("models/") ? request.model() : "models/" + request.model();
        ObjectNode body = UpstreamJson.object();
        ArrayNode requests = body.putArray("requests");
        for (String text : request.input()) {
            ObjectNode one = requests.addObject().put("model", name);
            one.putObject("content").putArray("parts").addObject().put("text", text);
            if (request.dimensions() != null) {
                one.put("outputDimensionality", request.dimensions());
            }
        }
        return body;
    }

    static Embeddings parse(String provider, EmbeddingRequest request, JsonNode answer) {
        JsonNode embeddings = answer.path("embeddings");
        UpstreamVectors.requireCount(provider, request.input().size(), embeddings.isArray() ? embeddings.size() : 0);
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (int i = 0; i < embeddings.size(); i++) {
            vectors.add(UpstreamVectors.of(provider, embeddings.get(i).get("values"), "embeddings[" + i + "].values"));
        }
        return new Embeddings(vectors, 0);
    }
}
