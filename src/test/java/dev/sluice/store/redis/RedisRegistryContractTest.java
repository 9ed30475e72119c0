package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.store.contract.RegistryContract;
import dev.sluice.stream.registry.StreamRegistry;
import dev.sluice.testing.RedisServer;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ownership and cancel contract on Redis, across two replicas; the cancel channel survives a Redis restart. */
@NeedsRedisServer
class RedisRegistryContractTest extends RegistryContract {

    private static RedisServer server;
    private static Vertx vertx;
    private static RedisReplica a;
    private static RedisReplica b;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        a = new RedisReplica(vertx, server.url(), Duration.ofMinutes(1));
        b = new RedisReplica(vertx, server.url(), Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        vertx.closeAndAwait();
        server.close();
    }

    @Override
    protected StreamRegistry producer() {
        return a.registry;
    }

    @Override
    protected StreamRegistry other() {
        return b.registry;
    }

    @Override
    protected void awaitCancelChannel() {
        await().atMost(Duration.ofSeconds(20)).until(() -> a.registry.subscribed() && b.registry.subscribed());
    }

    @Test
    void aCancelStillArrivesAfterRedisRestarted() {
        aCancelRequestedAnywhereReachesTheProducer();
        server.kill();
        await().atMost(Duration.ofSeconds(20)).until(() -> !a.registry.subscribed());
        server.startAgain();
        aCancelRequestedAnywhereReachesTheProducer();
        assertTrue(a.availability.available());
    }
}
