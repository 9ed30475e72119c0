package dev.sluice.api.ws;

import dev.sluice.testing.NeedsRedisServer;
import dev.sluice.store.redis.RedisStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link StreamSocketTest}, every test unchanged, on the Redis store. */
@NeedsRedisServer
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisStreamSocketTest extends StreamSocketTest {
}
