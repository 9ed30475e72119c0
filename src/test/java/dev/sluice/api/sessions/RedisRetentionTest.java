package dev.sluice.api.sessions;

import dev.sluice.testing.NeedsRedisServer;
import dev.sluice.store.redis.RedisStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link RetentionTest}, every test unchanged, with sessions, journals and audit records in Redis. */
@NeedsRedisServer
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisRetentionTest extends RetentionTest {
}
