package dev.sluice.stream.registry;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Ownership of streams and the way to reach the replica running one: with the memory store this
 * replica is the only one; with Redis every replica answers for every stream, and a cancel sent
 * to any replica reaches the one running the generation.
 */
public interface StreamRegistry {

    /**
     * Records that this replica runs the stream, for {@code tenant}.
     * Fails with {@link dev.sluice.store.StoreUnavailableException} when the store cannot record it.
     */
    Uni<Void> register(String streamId, String tenant);

    /** The owning tenant as far as this replica already knows it, without asking the store. */
    Optional<String> cachedOwner(String streamId);

    /** The owning tenant, from this replica or the shared store; empty for unknown streams. */
    Uni<Optional<String>> owner(String streamId);

    /** The stream ended here; its ownership is forgotten once its resume window has passed. */
    void ended(String streamId);

    /** Asks whichever replica runs the stream to cancel it. */
    Uni<Void> requestCancel(String streamId);

    /** Where cancel requests for streams (running here or not) arrive; set once, by the stream service. */
    void onCancelRequested(Consumer<String> handler);

    /** Whether some other replica has subscribers reading the stream (they hold off the grace-period cancel). */
    Uni<Boolean> readElsewhere(String streamId);
}
