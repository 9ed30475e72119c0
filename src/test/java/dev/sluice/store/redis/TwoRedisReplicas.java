package dev.sluice.store.redis;

import dev.sluice.testing.RedisServer;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;

/**
 * What every Redis contract test stands on: a real redis-server and two hand-built replicas of
 * Sluice's Redis store on it, so what one replica writes the other must read.
 */
final class TwoRedisReplicas implements AutoCloseable {

    final RedisServer server;
    final RedisReplica a;
    final RedisReplica b;
    private final Vertx vertx;

    private TwoRedisReplicas(Duration rateWindow) {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        a = new RedisReplica(vertx, server.url(), rateWindow);
        b = new RedisReplica(vertx, server.url(), rateWindow);
    }

    /** Starts redis-server and both replicas; {@code rateWindow} is their rate limiters' window. */
    static TwoRedisReplicas start(Duration rateWindow) {
        return new TwoRedisReplicas(rateWindow);
    }

    /** A third replica on the same Redis, for a test to stop (its caller closes it). */
    RedisReplica another() {
        return new RedisReplica(vertx, server.url(), Duration.ofMinutes(1));
    }

    @Override
    public void close() {
        a.close();
        b.close();
        vertx.closeAndAwait();
        server.close();
    }
}
