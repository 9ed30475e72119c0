package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.audit.AuditStore;
import dev.sluice.store.AuditStoreContract;
import dev.sluice.testing.RedisServer;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The audit store contract on Redis, two replicas alternating on one Redis. */
@NeedsRedisServer
class RedisAuditStoreTest extends AuditStoreContract {

    private static RedisServer server;
    private static Vertx vertx;
    private static RedisReplica a;
    private static RedisReplica b;
    private static RedisAuditStore storeA;
    private static RedisAuditStore storeB;
    private boolean toggle;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        a = new RedisReplica(vertx, server.url(), java.time.Duration.ofMinutes(1));
        b = new RedisReplica(vertx, server.url(), java.time.Duration.ofMinutes(1));
        storeA = new RedisAuditStore(a.redis, RedisReplica.KEYS, a.availability, new ObjectMapper());
        storeB = new RedisAuditStore(b.redis, RedisReplica.KEYS, b.availability, new ObjectMapper());
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        vertx.closeAndAwait();
        server.close();
    }

    /** Every call goes to the other replica: what one wrote, the other reads. */
    @Override
    protected AuditStore store() {
        toggle = !toggle;
        return toggle ? storeA : storeB;
    }
}
