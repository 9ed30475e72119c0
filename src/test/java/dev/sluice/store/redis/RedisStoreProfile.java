package dev.sluice.store.redis;

import dev.sluice.testing.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Sluice with {@code sluice.store=redis} on a real redis-server of its own (free port, no
 * persistence), started before Quarkus and stopped after. Tests reach the server through
 * {@link #server} to kill and restart it.
 */
public class RedisStoreProfile implements QuarkusTestProfile {

    static volatile RedisServer server;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Server.class));
    }

    public static class Server implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            server = RedisServer.start();
            return Map.of("sluice.store", "redis",
                    "quarkus.redis.hosts", server.url(),
                    "sluice.redis.ping-interval", "100ms",
                    "sluice.redis.read-block", "200ms",
                    "sluice.redis.retry-delay", "50ms");
        }

        @Override
        public void stop() {
            server.close();
        }
    }
}
