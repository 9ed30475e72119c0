package dev.sluice.store.memory;

import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.stream.registry.StreamRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Ownership on this replica only: the single-replica default (sluice.store=memory). */
@ApplicationScoped
@Typed(MemoryStreamRegistry.class)
public class MemoryStreamRegistry implements StreamRegistry {

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final Duration retention;
    private volatile Consumer<String> cancelHandler = id -> { };

    MemoryStreamRegistry(Vertx vertx, JournalConfig journal) {
        this.vertx = vertx;
        // Past the journal's resume window (and its sweep) the stream is unknown anyway.
        this.retention = journal.resumeWindow().plusMinutes(1);
    }

    @Override
    public Uni<Void> register(String streamId, String tenant) {
        owners.put(streamId, tenant);
        return DONE;
    }

    @Override
    public Optional<String> cachedOwner(String streamId) {
        return streamId == null ? Optional.empty() : Optional.ofNullable(owners.get(streamId));
    }

    @Override
    public Uni<Optional<String>> owner(String streamId) {
        return Uni.createFrom().item(cachedOwner(streamId));
    }

    @Override
    public void ended(String streamId) {
        vertx.setTimer(retention.toMillis(), t -> owners.remove(streamId));
    }

    @Override
    public Uni<Void> requestCancel(String streamId) {
        cancelHandler.accept(streamId);
        return DONE;
    }

    @Override
    public void onCancelRequested(Consumer<String> handler) {
        this.cancelHandler = handler;
    }

    @Override
    public Uni<Boolean> readElsewhere(String streamId) {
        return Uni.createFrom().item(false);
    }
}
