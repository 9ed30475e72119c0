package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.session.SessionStore;
import dev.sluice.store.SessionStoreContract;
import dev.sluice.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The session store contract on Redis, two replicas alternating on one Redis. */
@NeedsRedisServer
class RedisSessionStoreTest extends SessionStoreContract {

    private static TwoRedisReplicas replicas;
    private static RedisSessionStore storeA;
    private static RedisSessionStore storeB;
    private boolean toggle;

    @BeforeAll
    static void start() {
        replicas = TwoRedisReplicas.start(java.time.Duration.ofMinutes(1));
        storeA = new RedisSessionStore(replicas.a.redis, RedisReplica.KEYS, replicas.a.availability, new ObjectMapper());
        storeB = new RedisSessionStore(replicas.b.redis, RedisReplica.KEYS, replicas.b.availability, new ObjectMapper());
    }

    @AfterAll
    static void stop() {
        replicas.close();
    }

    /** Every call goes to the other replica: what one wrote, the other reads. */
    @Override
    protected SessionStore store() {
        toggle = !toggle;
        return toggle ? storeA : storeB;
    }
}
