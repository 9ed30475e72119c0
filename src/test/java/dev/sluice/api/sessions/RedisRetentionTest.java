package dev.sluice.api.sessions;

import dev.sluice.store.redis.RedisStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link RetentionTest}, every test unchanged, with sessions, journals and audit records in Redis. */
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisRetentionTest extends RetentionTest {
}
