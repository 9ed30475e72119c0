package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import dev.sluice.security.ratelimit.RateLimiter;
import dev.sluice.store.contract.RateLimiterContract;
import dev.sluice.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The rate-limit contract on Redis: counters shared by every replica (here, two pools alternating). */
@NeedsRedisServer
class RedisRateLimiterContractTest extends RateLimiterContract {

    private static TwoRedisReplicas replicas;
    private boolean toggle;

    @BeforeAll
    static void start() {
        replicas = TwoRedisReplicas.start(WINDOW);
    }

    @AfterAll
    static void stop() {
        replicas.close();
    }

    /** Every call goes to the other replica: the limits hold across them. */
    @Override
    protected RateLimiter limiter() {
        toggle = !toggle;
        return toggle ? replicas.a.limiter : replicas.b.limiter;
    }
}
