package dev.sluice.provider.simulator;

import com.knuddels.jtokkit.api.Encoding;
import dev.sluice.provider.EmbeddingRequest;
import dev.sluice.provider.Embeddings;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic pseudo-embeddings for tests and demos without keys. NOT semantic: a hashed bag of
 * the input's BPE tokens, each token adding ±1 to one of {@code dimensions} (default
 * {@value #DEFAULT_DIMENSIONS}) positions picked by a fixed hash of its id, then scaled to unit
 * length. The same text always gives the same vector (on every machine and run), texts sharing
 * tokens point in similar directions, and an input without tokens is the zero vector. Usage
 * counts the inputs' tokens. Tokenizing runs on a worker thread, not on the event loop.
 */
final class SimulatorEmbeddings {

    static final int DEFAULT_DIMENSIONS = 256;
    /** 2048 inputs of this length are 32 MiB of floats: the simulator refuses more. */
    static final int MAX_DIMENSIONS = 4096;

    private SimulatorEmbeddings() {}

    static Uni<Embeddings> embed(Encoding encoding, EmbeddingRequest request) {
        int dimensions = request.dimensions() == null ? DEFAULT_DIMENSIONS : request.dimensions();
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "The simulator makes embeddings of 1 to " + MAX_DIMENSIONS + " dimensions, not " + dimensions + "."));
        }
        return Uni.createFrom().item(() -> compute(encoding, request.input(), dimensions))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static Embeddings compute(Encoding encoding, List<String> inputs, int dimensions) {
        List<float[]> vectors = new ArrayList<>(inputs.size());
        int tokens = 0;
        for (String input : inputs) {
            int[] ids = encoding.encodeOrdinary(input).toArray();
            tokens += ids.length;
            vectors.add(vector(ids, dimensions));
        }
        return new Embeddings(vectors, tokens);
    }

    static float[] vector(int[] tokenIds, int dimensions) {
        double[] sums = new double[dimensions];
        for (int id : tokenIds) {
            long h = mix(id);
            sums[(int) Long.remainderUnsigned(h, dimensions)] += (h >>> 63) == 0 ? 1 : -1;
        }
        double norm = 0;
        for (double s : sums) {
            norm += s * s;
        }
        float[] out = new float[dimensions];
        if (norm > 0) {
            double scale = 1 / Math.sqrt(norm);
            for (int i = 0; i < dimensions; i++) {
                out[i] = (float) (sums[i] * scale);
            }
        }
        return out;
    }

    /** SplitMix64's finalizer: a fixed, well-spread hash of a token id. */
    private static long mix(int id) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
