package dev.sluice.store.memory;

import dev.sluice.store.contract.StoreFixtures;
import dev.sluice.store.contract.RegistryContract;
import dev.sluice.stream.registry.StreamRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;

/** The ownership and cancel contract on the memory store (one replica: producer and other are the same). */
class MemoryRegistryContractTest extends RegistryContract {

    private static final Vertx VERTX = Vertx.vertx();
    private final MemoryStreamRegistry registry = new MemoryStreamRegistry(VERTX, StoreFixtures.journalConfig());

    @Override
    protected StreamRegistry producer() {
        return registry;
    }

    @Override
    protected StreamRegistry other() {
        return registry;
    }

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }
}
