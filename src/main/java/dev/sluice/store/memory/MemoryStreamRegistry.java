package dev.sluice.store.memory;

import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.stream.registry.StreamRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** Ownership on this replica only: the single-replica default (sluice.store=memory). */
@ApplicationScoped
@Typed(MemoryStreamRegistry.class)
public class MemoryStreamRegistry implements StreamRegistry {

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
    /**
     * Ended streams in the order they ended, which is the order they expire in (one retention for
     * all). One sweep forgets them, rather than a timer per stream: a Vert.x timer armed from a
     * request keeps that request's duplicated context (and its local data maps) alive until it
     * fires, about 1 KB per ended stream held for the whole retention.
     */
    private final ConcurrentLinkedQueue<Ended> ended = new ConcurrentLinkedQueue<>();
    private final Duration retention;
    private volatile Consumer<String> cancelHandler = id -> { };

    MemoryStreamRegistry(JournalConfig journal) {
        // Past the journal's resume window (and its sweep) the stream is unknown anyway.
        this.retention = journal.resumeWindow().plusMinutes(1);
    }

    private record Ended(String streamId, long atNanos) { }

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
        ended.add(new Ended(streamId, System.nanoTime()));
    }

    @Scheduled(every = "${sluice.journal.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        forgetEndedBefore(System.nanoTime() - retention.toNanos());
    }

    /** Forgets the owners of streams that ended at or before the cutoff; one sweeper at a time. */
    void forgetEndedBefore(long cutoffNanos) {
        for (Ended e = ended.peek(); e != null && e.atNanos() - cutoffNanos <= 0; e = ended.peek()) {
            ended.poll();
            owners.remove(e.streamId());
        }
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
