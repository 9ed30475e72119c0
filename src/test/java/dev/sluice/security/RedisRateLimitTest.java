package dev.sluice.security;

import dev.sluice.testing.NeedsRedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link RateLimitTest}, every test unchanged, with the counters in Redis. */
@NeedsRedisServer
@QuarkusTest
@TestProfile(RedisKeyedProfile.class)
class RedisRateLimitTest extends RateLimitTest {
}
