package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.Embeddings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * OpenAI's CreateEmbeddingResponse: {@code {"object": "list", "data": [{"object": "embedding",
 * "index", "embedding"}], "model", "usage": {"prompt_tokens", "total_tokens"}}}. With
 * {@code encoding_format: "base64"} each embedding is its 32-bit floats, little-endian, in base64
 * (what the official SDKs decode, and what they ask for by default).
 */
final class EmbeddingsJson {

    private EmbeddingsJson() {}

    static ObjectNode of(String model, Embeddings embeddings, boolean base64) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < embeddings.vectors().size(); i++) {
            float[] vector = embeddings.vectors().get(i);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                item.put("embedding", base64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
        }
        root.put("model", model);
        root.putObject("usage").put("prompt_tokens", embeddings.promptTokens())
                .put("total_tokens", embeddings.promptTokens());
        return root;
    }

    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
