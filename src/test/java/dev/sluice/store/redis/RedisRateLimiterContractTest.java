package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import dev.sluice.security.ratelimit.RateLimiter;
import dev.sluice.store.contract.RateLimiterContract;
import dev.sluice.testing.RedisServer;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The rate-limit contract on Redis: counters shared by every replica (here, two pools alternating). */
@NeedsRedisServer
class RedisRateLimiterContractTest extends RateLimiterContract {

    private static RedisServer server;
    private static Vertx vertx;
    private static RedisReplica a;
    private static RedisReplica b;
    private boolean toggle;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        a = new RedisReplica(vertx, server.url(), WINDOW);
        b = new RedisReplica(vertx, server.url(), WINDOW);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        vertx.closeAndAwait();
        server.close();
    }

    /** Every call goes to the other replica: the limits hold across them. */
    @Override
    protected RateLimiter limiter() {
        toggle = !toggle;
        return toggle ? a.limiter : b.limiter;
    }
}
