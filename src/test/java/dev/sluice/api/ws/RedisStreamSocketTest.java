package dev.sluice.api.ws;

import dev.sluice.store.redis.RedisStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link StreamSocketTest}, every test unchanged, on the Redis store. */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisStreamSocketTest extends StreamSocketTest {
}
