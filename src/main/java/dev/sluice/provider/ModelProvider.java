package dev.sluice.provider;

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
}
