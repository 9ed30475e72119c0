package dev.sluice.api.responses;

import dev.sluice.store.redis.RedisStoreProfile;
import dev.sluice.testing.NeedsRedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ResponsesResumeTest}, every test unchanged, with journals and the responses' sessions in Redis. */
@NeedsRedisServer
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisResponsesResumeTest extends ResponsesResumeTest {
}
