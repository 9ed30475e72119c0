package dev.sluice.store.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.stream.StreamIds;
import dev.sluice.stream.registry.StreamRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Ownership and cancel: a stream registered on the producer's replica is known, with its tenant,
 * on every replica, and a cancel requested anywhere reaches the producer's handler.
 */
public abstract class RegistryContract {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The registry of the replica that runs the streams. */
    protected abstract StreamRegistry producer();

    /** The registry of another replica (the same one for memory). */
    protected abstract StreamRegistry other();

    /** Waits until cancel requests can be delivered (a pub/sub subscription is in place). */
    protected void awaitCancelChannel() {
    }

    @Test
    void theOwnerIsKnownOnEveryReplica() {
        String id = StreamIds.newStreamId();
        producer().register(id, "tenant-a").await().atMost(WAIT);
        assertEquals(Optional.of("tenant-a"), producer().cachedOwner(id));
        assertEquals(Optional.of("tenant-a"), other().owner(id).await().atMost(WAIT));
        assertEquals(Optional.of("tenant-a"), other().cachedOwner(id), "known without asking again");
    }

    @Test
    void unknownStreamsHaveNoOwner() {
        String id = StreamIds.newStreamId();
        assertEquals(Optional.empty(), other().owner(id).await().atMost(WAIT));
        assertEquals(Optional.empty(), other().cachedOwner(id));
        assertEquals(Optional.empty(), other().cachedOwner(null));
    }

    @Test
    protected void aCancelRequestedAnywhereReachesTheProducer() {
        List<String> cancelled = new CopyOnWriteArrayList<>();
        producer().onCancelRequested(cancelled::add);
        if (other() != producer()) {
            other().onCancelRequested(id -> { });
        }
        awaitCancelChannel();
        String id = StreamIds.newStreamId();
        producer().register(id, "tenant-a").await().atMost(WAIT);
        other().requestCancel(id).await().atMost(WAIT);
        await().atMost(WAIT).until(() -> cancelled.contains(id));
        assertEquals(1, cancelled.stream().filter(id::equals).count());
    }

    @Test
    void nobodyReadsElsewhereUntilAReplicaSaysSo() {
        String id = StreamIds.newStreamId();
        producer().register(id, "t").await().atMost(WAIT);
        assertFalse(producer().readElsewhere(id).await().atMost(WAIT));
    }
}
