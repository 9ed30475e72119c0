package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.store.contract.RegistryContract;
import dev.sluice.stream.registry.StreamRegistry;
import dev.sluice.testing.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ownership and cancel contract on Redis, across two replicas; the cancel channel survives a Redis restart. */
@NeedsRedisServer
class RedisRegistryContractTest extends RegistryContract {

    private static TwoRedisReplicas replicas;

    @BeforeAll
    static void start() {
        replicas = TwoRedisReplicas.start(Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        replicas.close();
    }

    @Override
    protected StreamRegistry producer() {
        return replicas.a.registry;
    }

    @Override
    protected StreamRegistry other() {
        return replicas.b.registry;
    }

    @Override
    protected void awaitCancelChannel() {
        await().atMost(Duration.ofSeconds(20)).until(() -> replicas.a.registry.subscribed() && replicas.b.registry.subscribed());
    }

    @Test
    void aCancelStillArrivesAfterRedisRestarted() {
        aCancelRequestedAnywhereReachesTheProducer();
        replicas.server.kill();
        await().atMost(Duration.ofSeconds(20)).until(() -> !replicas.a.registry.subscribed());
        replicas.server.startAgain();
        aCancelRequestedAnywhereReachesTheProducer();
        assertTrue(replicas.a.availability.available());
    }
}
