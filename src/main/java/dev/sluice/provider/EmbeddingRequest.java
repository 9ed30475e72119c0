package dev.sluice.provider;

import java.util.List;

/**
 * What a client asks {@code /v1/embeddings} for, decoded from its transport. Like a
 * {@link GenerationRequest}, {@code model} is the client's name until routing replaces it with the
 * upstream model.
 *
 * @param input      the texts to embed, in order; never empty
 * @param dimensions the length the vectors should have, or null for the model's own
 */
public record EmbeddingRequest(String model, List<String> input, Integer dimensions) {

    public EmbeddingRequest {
        input = List.copyOf(input);
    }

    public EmbeddingRequest withModel(String upstreamModel) {
        return new EmbeddingRequest(upstreamModel, input, dimensions);
    }
}
