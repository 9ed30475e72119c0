package dev.sluice.store.memory;

import dev.sluice.store.contract.StoreFixtures;
import dev.sluice.store.contract.RegistryContract;
import dev.sluice.stream.registry.StreamRegistry;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ownership and cancel contract on the memory store (one replica: producer and other are the same). */
class MemoryRegistryContractTest extends RegistryContract {

    private final MemoryStreamRegistry registry = new MemoryStreamRegistry(StoreFixtures.journalConfig());

    @Override
    protected StreamRegistry producer() {
        return registry;
    }

    @Override
    protected StreamRegistry other() {
        return registry;
    }

    @Test
    void anEndedStreamsOwnerIsForgottenOnlyOnceItsRetentionHasPassed() {
        registry.register("s-ended", "tenant-a").await().indefinitely();
        registry.register("s-running", "tenant-b").await().indefinitely();
        long beforeEnd = System.nanoTime();
        registry.ended("s-ended");

        registry.forgetEndedBefore(beforeEnd - 1);
        assertEquals(Optional.of("tenant-a"), registry.cachedOwner("s-ended"));

        registry.forgetEndedBefore(System.nanoTime());
        assertEquals(Optional.empty(), registry.cachedOwner("s-ended"));
        assertEquals(Optional.of("tenant-b"), registry.cachedOwner("s-running"));
    }
}
