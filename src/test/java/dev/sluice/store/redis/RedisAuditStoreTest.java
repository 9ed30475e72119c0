package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.audit.AuditStore;
import dev.sluice.store.AuditStoreContract;
import dev.sluice.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The audit store contract on Redis, two replicas alternating on one Redis. */
@NeedsRedisServer
class RedisAuditStoreTest extends AuditStoreContract {

    private static TwoRedisReplicas replicas;
    private static RedisAuditStore storeA;
    private static RedisAuditStore storeB;
    private boolean toggle;

    @BeforeAll
    static void start() {
        replicas = TwoRedisReplicas.start(java.time.Duration.ofMinutes(1));
        storeA = new RedisAuditStore(replicas.a.redis, RedisReplica.KEYS, replicas.a.availability, new ObjectMapper());
        storeB = new RedisAuditStore(replicas.b.redis, RedisReplica.KEYS, replicas.b.availability, new ObjectMapper());
    }

    @AfterAll
    static void stop() {
        replicas.close();
    }

    /** Every call goes to the other replica: what one wrote, the other reads. */
    @Override
    protected AuditStore store() {
        toggle = !toggle;
        return toggle ? storeA : storeB;
    }
}
