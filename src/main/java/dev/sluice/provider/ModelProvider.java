package dev.sluice.provider;

import dev.sluice.model.Delta;
import io.smallrye.mutiny.Multi;

/**
 * The provider SPI (DESIGN §5): given a request whose {@code model} is the upstream model
 * name, stream deltas. The returned {@code Multi} is cold: nothing is sent upstream before
 * subscription. Cancelling the subscription must stop the upstream (close its connection).
 * Failures are signalled as {@link ProviderException}.
 */
public interface ModelProvider {

    /** The configured name of this provider instance (e.g. {@code simulator}, {@code openai}). */
    String name();

    Multi<Delta> stream(GenerationRequest request);

    /**
     * Checks the request's provider-specific options before the stream starts, so a bad option
     * is a 400 for the client rather than a failed stream.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    default void validate(GenerationRequest request) {
    }

    /**
     * The upstream's cheap "list models" endpoint, for the optional readiness probe; empty when
     * the provider has no upstream (the simulator, test doubles).
     */
    default java.util.Optional<ProbeEndpoint> probeEndpoint() {
        return java.util.Optional.empty();
    }

    /**
     * Embeds the request's inputs ({@code /v1/embeddings}, not a stream); the request's {@code model}
     * is the upstream model name. Providers without an embeddings endpoint keep this default, whose
     * {@link EmbeddingsUnsupportedException} the client gets as a 400. Upstream failures are
     * {@link ProviderException}s, as for streams.
     */
    default io.smallrye.mutiny.Uni<Embeddings> embed(EmbeddingRequest request) {
        return io.smallrye.mutiny.Uni.createFrom().failure(new EmbeddingsUnsupportedException(name()));
    }
}
