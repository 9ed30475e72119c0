package dev.sluice.provider.http;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads embedding vectors from upstream JSON, refusing anything that is not a non-empty array of numbers. */
public final class UpstreamVectors {

    private UpstreamVectors() {}

    /** @throws dev.sluice.provider.ProviderException {@code upstream_bad_response} naming what was wrong */
    public static float[] of(String provider, JsonNode array, String where) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw UpstreamErrors.badResponse(provider, where + " is not a non-empty array of numbers");
        }
        float[] vector = new float[array.size()];
        for (int i = 0; i < vector.length; i++) {
            JsonNode value = array.get(i);
            if (!value.isNumber()) {
                throw UpstreamErrors.badResponse(provider, where + " holds a value that is not a number");
            }
            vector[i] = value.floatValue();
        }
        return vector;
    }

    /** @throws dev.sluice.provider.ProviderException when the upstream answered another number of vectors */
    public static void requireCount(String provider, int expected, int actual) {
        if (expected != actual) {
            throw UpstreamErrors.badResponse(provider, "expected " + expected + " embeddings but got " + actual);
        }
    }
}
