package dev.sluice.security;

import dev.sluice.testing.NeedsRedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link TenantIsolationTest}, every test unchanged, with stream ownership in Redis. */
@NeedsRedisServer
@QuarkusTest
@TestProfile(RedisKeyedProfile.class)
class RedisTenantIsolationTest extends TenantIsolationTest {
}
