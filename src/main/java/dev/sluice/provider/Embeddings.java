package dev.sluice.provider;

import java.util.List;

/**
 * A provider's answer to an {@link EmbeddingRequest}: one vector per input, in the inputs' order.
 * Vectors are 32-bit floats, as every upstream computes them (and as OpenAI's base64 encoding packs them).
 *
 * @param promptTokens the tokens the upstream counted, or 0 when it reports none (Gemini)
 */
public record Embeddings(List<float[]> vectors, int promptTokens) {

    public Embeddings {
        vectors = List.copyOf(vectors);
    }
}
